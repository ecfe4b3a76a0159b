package io.buildfactory.application.workitems.port.in;

import io.buildfactory.domain.workitems.DoneCriterion;
import io.buildfactory.domain.workitems.PromptContext;
import io.buildfactory.domain.workitems.PullRequest;
import io.buildfactory.domain.workitems.WorkType;
import java.util.List;
import java.util.Optional;

/** The editable fields of a work item; dependencies by id or key (BF-12, wi-BF-12). */
public record WorkItemDraft(
        String title,
        String description,
        WorkType workType,
        String source,
        Optional<String> branch,
        Optional<String> validationCommand,
        Optional<PullRequest> pullRequest,
        List<DoneCriterion> doneCriteria,
        Optional<PromptContext> promptContext,
        List<String> dependencies) {}
