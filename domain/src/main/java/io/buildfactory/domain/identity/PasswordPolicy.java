package io.buildfactory.domain.identity;

import io.buildfactory.domain.shared.InvalidInputException;
import java.util.Locale;
import java.util.Set;

/**
 * What a password must be: 12 to 256 characters, not one of the passwords attackers try first, and not the
 * user's own email address. Length beats composition rules (NIST SP 800-63B), so there are none.
 */
public final class PasswordPolicy {

    public static final int MIN_LENGTH = 12;
    public static final int MAX_LENGTH = 256;

    /** Common passwords of 12+ characters, from public breach top lists; compared without case. */
    private static final Set<String> COMMON = Set.of(
            "123456789012",
            "1234567890123",
            "12345678901234",
            "123456789123",
            "111111111111",
            "000000000000",
            "qwertyuiopas",
            "qwerty123456",
            "qwertyuiop123",
            "1q2w3e4r5t6y",
            "1qaz2wsx3edc",
            "password1234",
            "password12345",
            "password123456",
            "passwordpassword",
            "iloveyou1234",
            "administrator",
            "adminadmin123",
            "welcome12345",
            "welcome123456",
            "letmein12345",
            "changeme1234",
            "changemenow!",
            "abcdefghijkl",
            "abc123456789",
            "aaaaaaaaaaaa",
            "princess1234",
            "sunshine1234",
            "football1234",
            "baseball1234",
            "superman1234",
            "trustno11234",
            "monkey123456",
            "dragon123456",
            "master123456",
            "starwars1234",
            "zaq12wsxcde3",
            "1234qwerasdf",
            "qazwsxedcrfv",
            "asdfghjkl123",
            "passw0rd1234",
            "p@ssw0rd1234",
            "p@ssword1234",
            "buildfactory",
            "buildfactory1",
            "correcthorsebatterystaple");

    private PasswordPolicy() {}

    /** Refuses a password that breaks the policy, naming the field {@code password}. */
    public static void check(String password, EmailAddress email) {
        if (password == null || password.length() < MIN_LENGTH) {
            throw new InvalidInputException("password", "must be at least " + MIN_LENGTH + " characters");
        }
        if (password.length() > MAX_LENGTH) {
            throw new InvalidInputException("password", "must be at most " + MAX_LENGTH + " characters");
        }
        String lower = password.toLowerCase(Locale.ROOT);
        if (COMMON.contains(lower)) {
            throw new InvalidInputException("password", "is too common; choose another");
        }
        if (email != null && lower.equals(email.canonical())) {
            throw new InvalidInputException("password", "must not be your email address");
        }
    }
}
