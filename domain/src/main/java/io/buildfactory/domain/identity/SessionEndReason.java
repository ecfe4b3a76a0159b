package io.buildfactory.domain.identity;

import java.util.Arrays;
import java.util.Locale;

/** Why a session stopped being valid before or at its expiry. */
public enum SessionEndReason {
    LOGOUT,
    LOGOUT_ALL,
    PASSWORD_CHANGED,
    USER_DISABLED,
    ROLE_REMOVED,
    EXPIRED;

    public String code() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static SessionEndReason fromCode(String code) {
        return Arrays.stream(values())
                .filter(r -> r.code().equals(code))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown session end reason: " + code));
    }
}
