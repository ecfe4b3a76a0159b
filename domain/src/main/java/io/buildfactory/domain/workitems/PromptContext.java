package io.buildfactory.domain.workitems;

import io.buildfactory.domain.shared.Text;

/** The prompt an agent works from: where it lives and what it says. */
public record PromptContext(String path, String text) {

    public PromptContext {
        path = Text.required("promptContext.path", path, 500);
        text = Text.required("promptContext.text", text, 100_000);
    }
}
