package io.buildfactory.domain.planning;

import io.buildfactory.domain.projects.ProjectId;
import io.buildfactory.domain.shared.InvalidInputException;
import io.buildfactory.domain.shared.Text;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Context a project's cards draw on: its text, a link to it, or a reference into an integration (for example
 * {@code github:org/repo#42}); never none of the three.
 */
public record ContextArtifact(
        ArtifactId id,
        ProjectId project,
        ArtifactType type,
        String title,
        Optional<String> content,
        Optional<String> uri,
        Optional<String> integrationRef,
        Instant createdAt,
        Instant updatedAt,
        long version)
        implements Planned {

    public static final int CONTENT_MAX = 200_000;

    public ContextArtifact {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(project, "project");
        Objects.requireNonNull(type, "type");
        title = Text.required("title", title, 300);
        content = Text.optional("content", content, CONTENT_MAX);
        uri = Text.optional("uri", uri, 2000).map(ContextArtifact::absoluteUri);
        integrationRef = Text.optional("integrationRef", integrationRef, 500);
        if (content.isEmpty() && uri.isEmpty() && integrationRef.isEmpty()) {
            throw new InvalidInputException("content", "an artifact needs its content, a uri or an integrationRef");
        }
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
    }

    private static String absoluteUri(String text) {
        try {
            URI uri = new URI(text);
            if (!uri.isAbsolute() || text.chars().anyMatch(c -> c <= 0x20 || c == 0x7f)) {
                throw new InvalidInputException("uri", "must be an absolute URI like https://example.com/spec");
            }
            return text;
        } catch (URISyntaxException e) {
            throw new InvalidInputException("uri", "must be an absolute URI like https://example.com/spec");
        }
    }

    public static ContextArtifact create(
            ArtifactId id,
            ProjectId project,
            ArtifactType type,
            String title,
            Optional<String> content,
            Optional<String> uri,
            Optional<String> integrationRef,
            Instant now) {
        return new ContextArtifact(id, project, type, title, content, uri, integrationRef, now, now, 1);
    }

    public ContextArtifact edit(
            ArtifactType type,
            String title,
            Optional<String> content,
            Optional<String> uri,
            Optional<String> integrationRef,
            Instant now) {
        return new ContextArtifact(id, project, type, title, content, uri, integrationRef, createdAt, now, version);
    }

    public ContextArtifact nextVersion() {
        return new ContextArtifact(
                id, project, type, title, content, uri, integrationRef, createdAt, updatedAt, version + 1);
    }

    @Override
    public String reference() {
        return id.toString();
    }
}
