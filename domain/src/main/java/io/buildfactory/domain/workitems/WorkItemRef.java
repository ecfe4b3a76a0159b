package io.buildfactory.domain.workitems;

import io.buildfactory.domain.shared.NotFoundException;
import io.buildfactory.domain.shared.Ulid;
import java.util.Objects;
import java.util.Optional;

/** How a caller names a work item: by its id (a ULID) or by its key ({@code BF-213} or {@code wi-BF-213}). */
public sealed interface WorkItemRef {

    record ById(WorkItemId id) implements WorkItemRef {
        public ById {
            Objects.requireNonNull(id, "id");
        }

        @Override
        public String toString() {
            return id.toString();
        }
    }

    record ByKey(WorkItemKey key) implements WorkItemRef {
        public ByKey {
            Objects.requireNonNull(key, "key");
        }

        @Override
        public String toString() {
            return key.display();
        }
    }

    /**
     * Reads an id or a key. Text that is neither names no work item: that is a 404, as for a well-formed
     * reference to an item that does not exist, so a caller learns nothing from the form alone.
     */
    static WorkItemRef parse(String text) {
        return tryParse(text).orElseThrow(() -> new NotFoundException("work item", text));
    }

    /** An id or a key; empty for anything else. */
    static Optional<WorkItemRef> tryParse(String text) {
        if (text != null && Ulid.isValid(text)) {
            return Optional.of(new ById(new WorkItemId(new Ulid(text))));
        }
        return WorkItemKey.tryParse(text).map(ByKey::new);
    }

    static WorkItemRef of(WorkItemId id) {
        return new ById(id);
    }
}
