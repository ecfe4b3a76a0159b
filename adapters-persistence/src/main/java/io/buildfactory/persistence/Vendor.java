package io.buildfactory.persistence;

import org.jooq.SQLDialect;

/** The two databases Build Factory runs on; the JDBC URL decides which. */
public enum Vendor {
    SQLITE("sqlite", SQLDialect.SQLITE),
    POSTGRESQL("postgresql", SQLDialect.POSTGRES);

    private final String folder;
    private final SQLDialect dialect;

    Vendor(String folder, SQLDialect dialect) {
        this.folder = folder;
        this.dialect = dialect;
    }

    public static Vendor fromJdbcUrl(String url) {
        if (url.startsWith("jdbc:sqlite:")) {
            return SQLITE;
        }
        if (url.startsWith("jdbc:postgresql:")) {
            return POSTGRESQL;
        }
        throw new IllegalArgumentException("unsupported database URL (expected jdbc:sqlite: or jdbc:postgresql:)");
    }

    public SQLDialect dialect() {
        return dialect;
    }

    /** Where this vendor's Flyway migrations live on the classpath. */
    public String migrationLocation() {
        return "classpath:db/migration/" + folder;
    }

    public String displayName() {
        return folder;
    }
}
