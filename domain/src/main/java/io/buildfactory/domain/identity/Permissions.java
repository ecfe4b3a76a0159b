package io.buildfactory.domain.identity;

import java.util.Set;
import java.util.TreeSet;

/**
 * The permission catalogue: every permission the service checks. The migration that seeds the
 * {@code permissions} table carries the same names, and a test keeps the two equal.
 */
public final class Permissions {

    public static final Permission USER_READ = new Permission("factory.user.read");
    public static final Permission USER_MANAGE = new Permission("factory.user.manage");
    public static final Permission ROLE_READ = new Permission("factory.role.read");
    public static final Permission ROLE_MANAGE = new Permission("factory.role.manage");
    public static final Permission AUDIT_READ = new Permission("factory.audit.read");
    public static final Permission TELEMETRY_READ = new Permission("factory.telemetry.read");
    public static final Permission TELEMETRY_WRITE = new Permission("factory.telemetry.write");
    public static final Permission JOB_READ = new Permission("factory.job.read");
    public static final Permission JOB_MANAGE = new Permission("factory.job.manage");
    public static final Permission WORK_ITEM_READ = new Permission("factory.work-item.read");
    public static final Permission WORK_ITEM_CREATE = new Permission("factory.work-item.create");
    public static final Permission WORK_ITEM_UPDATE = new Permission("factory.work-item.update");
    public static final Permission WORK_ITEM_EXECUTE = new Permission("factory.work-item.execute");
    public static final Permission WORK_ITEM_REQUEST_REVIEW = new Permission("factory.work-item.request-review");
    public static final Permission WORK_ITEM_COMPLETE = new Permission("factory.work-item.complete");
    public static final Permission WORK_ITEM_PREPARE_RELEASE = new Permission("factory.work-item.prepare-release");
    public static final Permission WORK_ITEM_RECORD_HISTORY = new Permission("factory.work-item.record-history");
    public static final Permission WORK_ITEM_BLOCK = new Permission("factory.work-item.block");
    public static final Permission CONVERSATION_CREATE = new Permission("factory.conversation.create");
    public static final Permission CONVERSATION_READ_ANY = new Permission("factory.conversation.read-any");
    public static final Permission CONVERSATION_REVEAL = new Permission("factory.conversation.reveal");
    public static final Permission RETENTION_MANAGE = new Permission("factory.retention.manage");
    public static final Permission POLICY_MANAGE = new Permission("factory.policy.manage");
    public static final Permission PROJECT_READ = new Permission("factory.project.read");
    public static final Permission PROJECT_CREATE = new Permission("factory.project.create");
    public static final Permission PROJECT_UPDATE = new Permission("factory.project.update");
    public static final Permission PROJECT_MANAGE_MEMBERS = new Permission("factory.project.manage-members");
    public static final Permission PLANNING_READ = new Permission("factory.planning.read");
    public static final Permission PLANNING_WRITE = new Permission("factory.planning.write");
    public static final Permission PLANNING_MANAGE_POLICY = new Permission("factory.planning.manage-policy");
    public static final Permission RUN_READ = new Permission("factory.run.read");
    public static final Permission RUN_START = new Permission("factory.run.start");
    public static final Permission RUN_EXECUTE = new Permission("factory.run.execute");
    public static final Permission REVIEW_APPROVE = new Permission("factory.review.approve");
    public static final Permission MEMORY_READ = new Permission("factory.memory.read");
    public static final Permission MEMORY_WRITE = new Permission("factory.memory.write");
    public static final Permission REPOSITORY_READ = new Permission("factory.repository.read");
    public static final Permission REPOSITORY_WRITE = new Permission("factory.repository.write");

    private Permissions() {}

    public static Set<Permission> all() {
        return new TreeSet<>(Set.of(
                USER_READ,
                USER_MANAGE,
                ROLE_READ,
                ROLE_MANAGE,
                AUDIT_READ,
                TELEMETRY_READ,
                TELEMETRY_WRITE,
                JOB_READ,
                JOB_MANAGE,
                WORK_ITEM_READ,
                WORK_ITEM_CREATE,
                WORK_ITEM_UPDATE,
                WORK_ITEM_EXECUTE,
                WORK_ITEM_REQUEST_REVIEW,
                WORK_ITEM_COMPLETE,
                WORK_ITEM_PREPARE_RELEASE,
                WORK_ITEM_RECORD_HISTORY,
                WORK_ITEM_BLOCK,
                CONVERSATION_CREATE,
                CONVERSATION_READ_ANY,
                CONVERSATION_REVEAL,
                RETENTION_MANAGE,
                POLICY_MANAGE,
                PROJECT_READ,
                PROJECT_CREATE,
                PROJECT_UPDATE,
                PROJECT_MANAGE_MEMBERS,
                PLANNING_READ,
                PLANNING_WRITE,
                PLANNING_MANAGE_POLICY,
                RUN_READ,
                RUN_START,
                RUN_EXECUTE,
                REVIEW_APPROVE,
                MEMORY_READ,
                MEMORY_WRITE,
                REPOSITORY_READ,
                REPOSITORY_WRITE));
    }
}
