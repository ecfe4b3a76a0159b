package io.buildfactory.application.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.buildfactory.application.audit.port.in.AuditAction;
import io.buildfactory.domain.workitems.Action;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class AuditActionTest {

    @Test
    void no_two_audited_actions_share_a_code() {
        Set<String> codes =
                Arrays.stream(AuditAction.values()).map(AuditAction::code).collect(Collectors.toSet());
        assertEquals(AuditAction.values().length, codes.size());
    }

    @Test
    void a_work_item_action_is_audited_under_the_code_earlier_builds_wrote_and_filters_match() {
        for (Action action : Action.values()) {
            assertEquals("work-item." + action.code(), AuditAction.of(action).code());
        }
    }
}
