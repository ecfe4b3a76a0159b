package io.buildfactory.domain.shared;

import java.util.Arrays;
import java.util.Locale;

/**
 * The codes enums are stored and sent as: the constant's name in lower case with dashes ({@code IN_PROGRESS} is
 * {@code in-progress}), and the refusal that names the field and lists the codes when a text is none of them.
 */
public final class Codes {

    private Codes() {}

    public static String of(Enum<?> constant) {
        return constant.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static <E extends Enum<E>> E parse(Class<E> type, String field, String code) {
        for (E constant : type.getEnumConstants()) {
            if (of(constant).equals(code)) {
                return constant;
            }
        }
        throw new InvalidInputException(
                field,
                "must be one of "
                        + String.join(
                                ", ",
                                Arrays.stream(type.getEnumConstants())
                                        .map(Codes::of)
                                        .toList()));
    }
}
