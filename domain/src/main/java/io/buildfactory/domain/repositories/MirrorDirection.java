package io.buildfactory.domain.repositories;

import io.buildfactory.domain.shared.Codes;

/** Which way a mirror copies: {@code pull} brings the remote's branches and tags in, {@code push} sends ours out. */
public enum MirrorDirection {
    PULL,
    PUSH;

    public String code() {
        return Codes.of(this);
    }

    public static MirrorDirection parse(String code) {
        return Codes.parse(MirrorDirection.class, "direction", code);
    }
}
