package io.buildfactory.domain.conversations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.buildfactory.domain.shared.InvalidInputException;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ConversationAccessTest {

    @Test
    void participants_act_by_their_role() {
        ConversationAccess owner = ConversationAccess.of(Optional.of(ParticipantRole.OWNER), false, Optional.empty())
                .orElseThrow();
        ConversationAccess editor = ConversationAccess.of(Optional.of(ParticipantRole.EDITOR), false, Optional.empty())
                .orElseThrow();
        ConversationAccess viewer = ConversationAccess.of(Optional.of(ParticipantRole.VIEWER), true, Optional.empty())
                .orElseThrow();
        assertTrue(owner.canShareAndDelete() && owner.canAppend());
        assertTrue(editor.canAppend() && !editor.canShareAndDelete());
        assertFalse(viewer.canAppend() || viewer.canRename() || viewer.canShareAndDelete());
        assertEquals(ConversationAccess.VIEWER, viewer, "a participant's own role counts, not read-any");
    }

    @Test
    void a_stranger_has_no_access_and_read_any_needs_a_stated_reason() {
        assertEquals(
                Optional.empty(), ConversationAccess.of(Optional.empty(), false, Optional.of("audit of ticket 42")));
        InvalidInputException refused = assertThrows(
                InvalidInputException.class, () -> ConversationAccess.of(Optional.empty(), true, Optional.of("  ")));
        assertEquals(ConversationAccess.REASON_HEADER, refused.field());
        ConversationAccess admin = ConversationAccess.of(Optional.empty(), true, Optional.of("incident INC-7 review"))
                .orElseThrow();
        assertEquals(ConversationAccess.READ_ANY, admin);
        assertFalse(admin.canAppend() || admin.isParticipant());
    }

    @Test
    void sharing_cannot_make_a_second_owner() {
        assertEquals(ParticipantRole.EDITOR, ParticipantRole.shareable("editor"));
        assertThrows(InvalidInputException.class, () -> ParticipantRole.shareable("owner"));
    }
}
