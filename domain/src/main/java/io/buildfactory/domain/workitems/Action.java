package io.buildfactory.domain.workitems;

import io.buildfactory.domain.identity.Permission;
import io.buildfactory.domain.identity.Permissions;
import io.buildfactory.domain.shared.NotFoundException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** What can be done to a work item: each action has an identity, a permission and the gates it must pass. */
public enum Action {
    MARK_READY(
            "mark-ready",
            "Mark ready",
            "Move this item from the backlog to the ready lane.",
            Permissions.WORK_ITEM_UPDATE,
            List.of(Gate.LANE_TRANSITION, Gate.LANE_ELIGIBILITY)),
    START_EXECUTION(
            "start-execution",
            "Start execution",
            "Queue execution handoff for this work item.",
            Permissions.WORK_ITEM_EXECUTE,
            List.of(Gate.LANE_TRANSITION, Gate.LANE_ELIGIBILITY, Gate.DEPENDENCIES)),
    REQUEST_REVIEW(
            "request-review",
            "Request review",
            "Mark this item ready for review lane handoff.",
            Permissions.WORK_ITEM_REQUEST_REVIEW,
            List.of(Gate.LANE_TRANSITION, Gate.LANE_ELIGIBILITY, Gate.PULL_REQUEST)),
    COMPLETE(
            "complete",
            "Complete",
            "Close this reviewed item as done.",
            Permissions.WORK_ITEM_COMPLETE,
            List.of(Gate.LANE_TRANSITION, Gate.LANE_ELIGIBILITY, Gate.PULL_REQUEST, Gate.DONE_CRITERIA)),
    PREPARE_RELEASE(
            "prepare-release",
            "Prepare release",
            "Run release-preparation checks for the work item.",
            Permissions.WORK_ITEM_PREPARE_RELEASE,
            List.of(Gate.LANE_ELIGIBILITY, Gate.PULL_REQUEST)),
    RECORD_HISTORY(
            "record-history",
            "Record history",
            "Capture history snapshots for audit and validation views.",
            Permissions.WORK_ITEM_RECORD_HISTORY,
            List.of(Gate.CONTEXT_VISIBILITY)),
    BLOCK(
            "block",
            "Block",
            "Hold this item: no execution or review until it is unblocked.",
            Permissions.WORK_ITEM_BLOCK,
            List.of(Gate.LANE_TRANSITION, Gate.LANE_ELIGIBILITY)),
    UNBLOCK(
            "unblock",
            "Unblock",
            "Release the hold on this item.",
            Permissions.WORK_ITEM_BLOCK,
            List.of(Gate.LANE_ELIGIBILITY));

    private final String code;
    private final String title;
    private final String description;
    private final Permission permission;
    private final List<Gate> gates;

    Action(String code, String title, String description, Permission permission, List<Gate> gates) {
        this.code = code;
        this.title = title;
        this.description = description;
        this.permission = permission;
        this.gates = gates;
    }

    public String code() {
        return code;
    }

    public String title() {
        return title;
    }

    public String description() {
        return description;
    }

    public Permission permission() {
        return permission;
    }

    /**
     * The lane a lane-moving action starts from (the one place this is said); empty for the actions that act in
     * any lane (block, unblock, record history).
     */
    public Optional<Lane> startsFrom() {
        return switch (this) {
            case MARK_READY -> Optional.of(Lane.BACKLOG);
            case START_EXECUTION -> Optional.of(Lane.READY);
            case REQUEST_REVIEW -> Optional.of(Lane.IN_PROGRESS);
            case COMPLETE -> Optional.of(Lane.REVIEW);
            case PREPARE_RELEASE -> Optional.of(Lane.DONE);
            case BLOCK, UNBLOCK, RECORD_HISTORY -> Optional.empty();
        };
    }

    /** The gates this action is held by unless a project's policy profile says otherwise. */
    public List<Gate> defaultGates() {
        return gates;
    }

    public static Action fromCode(String code) {
        return Arrays.stream(values())
                .filter(a -> a.code.equals(code))
                .findFirst()
                .orElseThrow(() -> new NotFoundException("action", code));
    }
}
