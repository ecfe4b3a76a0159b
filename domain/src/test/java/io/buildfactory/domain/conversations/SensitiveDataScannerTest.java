package io.buildfactory.domain.conversations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class SensitiveDataScannerTest {

    /** Each kind, in a sentence, with the exact secret value that must disappear. */
    static Stream<Arguments> corpus() {
        return Stream.of(
                Arguments.of(SensitiveKind.API_KEY, "use AKIAIOSFODNN7EXAMPLE for the bucket", "AKIAIOSFODNN7EXAMPLE"),
                Arguments.of(
                        SensitiveKind.API_KEY,
                        "token ghp_1234567890abcdefghijklmnopqrstuvwxyzAB please",
                        "ghp_1234567890abcdefghijklmnopqrstuvwxyzAB"),
                Arguments.of(
                        SensitiveKind.API_KEY,
                        "OPENAI=sk-proj-abcdefghijklmnopqrstuvwxyz012345",
                        "sk-proj-abcdefghijklmnopqrstuvwxyz012345"),
                Arguments.of(
                        SensitiveKind.API_KEY,
                        "slack: xoxb-123456789012-abcdefghijkl",
                        "xoxb-123456789012-abcdefghijkl"),
                Arguments.of(
                        SensitiveKind.JWT,
                        "Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U",
                        "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U"),
                Arguments.of(
                        SensitiveKind.PRIVATE_KEY,
                        "key:\n-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEA7bq\n-----END RSA PRIVATE KEY-----\nend",
                        "MIIEowIBAAKCAQEA7bq"),
                Arguments.of(
                        SensitiveKind.PASSWORD_IN_URL,
                        "connect to postgres://app:S3cr3t-P4ss@db.internal:5432/prod",
                        "S3cr3t-P4ss"),
                Arguments.of(SensitiveKind.SECRET_ASSIGNMENT, "set password=Xq7!vR2#pL9zT4 and go", "Xq7!vR2#pL9zT4"),
                Arguments.of(
                        SensitiveKind.EMAIL, "write to ada.lovelace@example.org today", "ada.lovelace@example.org"),
                Arguments.of(SensitiveKind.PHONE, "call +44 20 7946 0958 after lunch", "7946 0958"),
                Arguments.of(SensitiveKind.CARD_NUMBER, "card 4111 1111 1111 1111 exp 12/29", "4111 1111 1111 1111"),
                // what a new user pasted and found stored in clear (issue 22)
                Arguments.of(
                        SensitiveKind.PASSWORD_IN_URL,
                        "DATABASE_URL=postgres://app:p@ss:w/rd@db.internal:5432/prod",
                        "p@ss:w/rd"),
                Arguments.of(
                        SensitiveKind.PASSWORD_IN_URL,
                        "clone https://bot:tok@en@git.example.com/repo.git and push",
                        "tok@en"),
                Arguments.of(
                        SensitiveKind.SECRET_ASSIGNMENT,
                        "aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
                        "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"),
                Arguments.of(
                        SensitiveKind.SECRET_ASSIGNMENT,
                        "{\"AWS_SECRET_ACCESS_KEY\": \"wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\"}",
                        "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"),
                Arguments.of(SensitiveKind.SECRET_ASSIGNMENT, "{\"password\": \"Tr0ub4dor&3x!Q\"}", "Tr0ub4dor&3x!Q"),
                Arguments.of(
                        SensitiveKind.SECRET_ASSIGNMENT,
                        "curl -H 'Authorization: Basic YWxhZGRpbjpvcGVuc2VzYW1l' https://api.example.com",
                        "YWxhZGRpbjpvcGVuc2VzYW1l"),
                Arguments.of(
                        SensitiveKind.SECRET_ASSIGNMENT,
                        "Authorization: Bearer 8f3kQz9Lm2Xp7Rt4Vw1Ys6Bn0Cd5Ef",
                        "8f3kQz9Lm2Xp7Rt4Vw1Ys6Bn0Cd5Ef"),
                Arguments.of(
                        SensitiveKind.API_KEY,
                        "post to https://hooks.slack.com/services/T0A1B2C3D/B4E5F6G7H/abcdefghijklmnopqrstuvwx now",
                        "abcdefghijklmnopqrstuvwx"),
                Arguments.of(
                        SensitiveKind.API_KEY, "stripe sk_live_4eC39HqLyjWDarjtT1zdp7dc", "4eC39HqLyjWDarjtT1zdp7dc"),
                Arguments.of(
                        SensitiveKind.API_KEY, "restricted rk_live_51H8abcDEFghiJKLmnoPQR", "51H8abcDEFghiJKLmnoPQR"),
                Arguments.of(
                        SensitiveKind.API_KEY,
                        "//registry.npmjs.org/:_authToken=npm_A1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q7r8",
                        "npm_A1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q7r8"),
                Arguments.of(
                        SensitiveKind.API_KEY,
                        "password = pypi-AgEIcHlwaS5vcmcCJDU3OTM1MjliLTVmNjctNGVjNi1iYjJlLWEzOTkwYzM3NmFiMAACKlsz",
                        "pypi-AgEIcHlwaS5vcmcCJDU3OTM1MjliLTVmNjctNGVjNi1iYjJlLWEzOTkwYzM3NmFiMAACKlsz"),
                Arguments.of(
                        SensitiveKind.API_KEY,
                        "SENDGRID=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",
                        "TwL2iGABf9DHoTf-09kqeF8tAmbihYzrnopKc-1s5cr"),
                Arguments.of(
                        SensitiveKind.API_KEY,
                        "twilio SK2b8f1c4e9a7d3b5f0e6c2a9d8b7f1e3c",
                        "SK2b8f1c4e9a7d3b5f0e6c2a9d8b7f1e3c"),
                Arguments.of(
                        SensitiveKind.API_KEY,
                        "shopify 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",
                        "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"),
                Arguments.of(
                        SensitiveKind.API_KEY,
                        "doctl auth init -t dop_v1_" + "0123456789abcdef".repeat(4),
                        "0123456789abcdef0123456789abcdef"),
                Arguments.of(
                        SensitiveKind.API_KEY,
                        "HF_TOKEN: hf_AbCdEfGhIjKlMnOpQrStUvWxYz01234567",
                        "hf_AbCdEfGhIjKlMnOpQrStUvWxYz01234567"),
                Arguments.of(
                        SensitiveKind.PRIVATE_KEY,
                        "-----BEGIN PGP PRIVATE KEY BLOCK-----\n\nlQOYBF0abcdEFGH\n=Xy7Q\n-----END PGP PRIVATE KEY BLOCK-----",
                        "lQOYBF0abcdEFGH"),
                Arguments.of(
                        SensitiveKind.IBAN,
                        "pay to GB82 WEST 1234 5698 7654 32 by Friday",
                        "GB82 WEST 1234 5698 7654 32"),
                Arguments.of(SensitiveKind.IBAN, "IBAN DE89370400440532013000", "DE89370400440532013000"),
                Arguments.of(SensitiveKind.NATIONAL_ID, "SSN 123-45-6789 on file", "123-45-6789"),
                Arguments.of(SensitiveKind.SECRET_ASSIGNMENT, "DB_PASSWORD=Zq8!rT3vLp0w", "Zq8!rT3vLp0w"),
                Arguments.of(
                        SensitiveKind.SECRET_ASSIGNMENT, "stripe_secret: \"wq4Ae9ZkP1tRx7Lb\"", "wq4Ae9ZkP1tRx7Lb"),
                Arguments.of(
                        SensitiveKind.SECRET_ASSIGNMENT,
                        "DefaultEndpointsProtocol=https;AccountName=acme;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;EndpointSuffix=core.windows.net",
                        "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw=="),
                Arguments.of(
                        SensitiveKind.SECRET_ASSIGNMENT,
                        "{\"auths\": {\"registry.example.com\": {\"auth\": \"Ym90OnMzY3IzdC1wYXNzd29yZA==\"}}}",
                        "Ym90OnMzY3IzdC1wYXNzd29yZA=="),
                Arguments.of(
                        SensitiveKind.API_KEY,
                        "{\"type\": \"service_account\", \"private_key_id\": \"a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6e7f8a9b0\"}",
                        "a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6e7f8a9b0"),
                Arguments.of(
                        SensitiveKind.API_KEY,
                        "HEROKU_API_KEY=01234567-89ab-cdef-0123-456789abcdef",
                        "01234567-89ab-cdef-0123-456789abcdef"),
                Arguments.of(
                        SensitiveKind.API_KEY,
                        "mailgun key-3f8a1c9e0b7d4a6f2e5c8b1d9a7f3e60",
                        "3f8a1c9e0b7d4a6f2e5c8b1d9a7f3e60"),
                Arguments.of(
                        SensitiveKind.API_KEY,
                        "nuget push -k oy2abcdefghijklmnopqrstuvwxyz0123456789abcdefgh",
                        "oy2abcdefghijklmnopqrstuvwxyz0123456789abcdefgh"),
                Arguments.of(
                        SensitiveKind.API_KEY,
                        "GEM_HOST_API_KEY: rubygems_" + "0123456789abcdef".repeat(3),
                        "0123456789abcdef0123456789abcdef"),
                Arguments.of(
                        SensitiveKind.API_KEY,
                        "https://discord.com/api/webhooks/123456789012345678/" + "AbCdEfGhIj".repeat(7),
                        "AbCdEfGhIjAbCdEfGhIj"),
                Arguments.of(
                        SensitiveKind.API_KEY,
                        "notify https://acme.webhook.office.com/webhookb2/3f2a@9b1c/IncomingWebhook/5d4e/77aa now",
                        "IncomingWebhook/5d4e/77aa"),
                Arguments.of(
                        SensitiveKind.PRIVATE_KEY,
                        "-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAA\n-----END OPENSSH PRIVATE KEY-----",
                        "b3BlbnNzaC1rZXktdjEAAAAA"));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("corpus")
    void each_kind_is_found_and_redacted_leaving_no_trace_of_the_value(SensitiveKind kind, String text, String secret) {
        var findings = SensitiveDataScanner.scan(text);
        assertEquals(
                List.of(kind),
                findings.stream()
                        .map(SensitiveDataScanner.Finding::kind)
                        .distinct()
                        .toList(),
                text);
        String redacted = SensitiveDataScanner.redact(text, findings);
        assertFalse(redacted.contains(secret), redacted);
        assertTrue(redacted.contains("[REDACTED:" + kind.code() + "]"), redacted);
        assertEquals(Map.of(kind, 1), SensitiveDataScanner.summary(findings));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "The migration ran clean on 2026-11-22 and the reviewers agreed to ship it.",
                "request id 123e4567-e89b-12d3-a456-426614174000 failed once",
                "fixed in commit 9fceb02d0ae598e95dc970b74767f19372d61af8 and 9fceb02",
                "work item 01JQ0000000000000000000001 moved to review",
                "the order number is 1234 5678 9012 3456 (not a card: Luhn fails)",
                "version 1.2.3 of the API, port 8080, 42 tests",
                "token: see the vault entry named ci-deploy",
                "https://github.com/SingletonTheory/build-factory-bootstrap/pull/235",
                // near misses of the rules added for issue 22
                "see https://github.com/acme/factory/commit/9fceb02@v1.2 and git@github.com:acme/factory.git",
                "the task sk_live_mode is a flag, npm_config_cache is a variable, SKU 1234 is a product",
                "Authorization: see the runbook; the header is set by the proxy",
                "-----BEGIN PUBLIC KEY-----\nMIIBIjANBgkqhkiG9w0BAQEF\n-----END PUBLIC KEY-----",
                "{\"passwordPolicy\": \"length >= 12\", \"tokenCount\": 42}",
                "GB82 WEST 1234 5698 7654 33 fails its check digits; so does DE89370400440532013001",
                "max_tokens: 4096, token_count = 12345678, sort_key = created_at, next_page: none",
                "the monkey-patched key-value store",
                "not an SSN: 000-12-3456, 666-12-3456, 912-34-5678, 123-00-4567, 123-45-0000, part 2021-05-1234"
            })
    void ids_hashes_numbers_and_ordinary_prose_are_left_alone(String text) {
        assertEquals(List.of(), SensitiveDataScanner.scan(text), text);
    }

    @ParameterizedTest
    @ValueSource(strings = {"4111111111111111", "5500005555555559", "378282246310005"})
    void card_numbers_pass_luhn(String digits) {
        assertTrue(SensitiveDataScanner.luhn(digits));
    }

    @ParameterizedTest
    @ValueSource(strings = {"4111111111111112", "0000000000000000", "123456789012"})
    void other_digit_runs_do_not(String digits) {
        assertFalse(SensitiveDataScanner.luhn(digits));
    }
}
