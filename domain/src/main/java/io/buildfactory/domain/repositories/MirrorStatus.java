package io.buildfactory.domain.repositories;

import io.buildfactory.domain.shared.Codes;

/** How a mirror's last sync went: {@code pending} before the first one. */
public enum MirrorStatus {
    PENDING,
    SYNCED,
    FAILED;

    public String code() {
        return Codes.of(this);
    }

    public static MirrorStatus parse(String code) {
        return Codes.parse(MirrorStatus.class, "status", code);
    }
}
