package dev.z4j.domain.agents;

import static org.assertj.core.api.Assertions.assertThat;

import dev.z4j.ports.system.Secret;
import java.util.Base64;
import java.util.HexFormat;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Golden vectors of the protocol reference (Appendix A) and of the security reference (§2.3). */
class FrameKeysTest {

    static final Secret APPENDIX_A_MASTER = Secret.ofText("m".repeat(40));
    static final UUID APPENDIX_A_PROJECT = UUID.fromString("11111111-2222-4333-8444-555555555555");
    static final Secret SECURITY_MASTER = Secret.ofText("test-secret-0123456789-abcdefghijklmnopqrstuvwxyz");

    @Test
    void bytes_le_reverses_the_first_three_uuid_fields() {
        assertThat(hex(FrameKeys.bytesLe(APPENDIX_A_PROJECT))).isEqualTo("11111111222233438444555555555555");
        assertThat(hex(FrameKeys.bytesLe(UUID.fromString("12345678-1234-5678-1234-567812345678"))))
                .isEqualTo("78563412341278561234567812345678");
    }

    @Test
    void the_project_secret_matches_appendix_a_in_hex_and_as_z4j_hmac_secret() {
        byte[] secret = FrameKeys.projectSecret(APPENDIX_A_MASTER, APPENDIX_A_PROJECT);
        assertThat(hex(secret)).isEqualTo("84fc164799d153ab27f3be0bc7d3d0ce06a510e85a33b8c7244784787933cb6f");
        assertThat(FrameKeys.hmacSecretText(secret)).isEqualTo("hPwWR5nRU6sn874Lx9PQzgalEOhaM7jHJEeEeHkzy28=");
    }

    @Test
    void the_project_secret_matches_the_security_reference() {
        byte[] secret = FrameKeys.projectSecret(SECURITY_MASTER, UUID.fromString("12345678-1234-5678-1234-567812345678"));
        assertThat(hex(secret)).isEqualTo("2db2cfb9fbb6f85a883ad854d895bc15b56d896119f3debc5e09bec27a538a03");
        assertThat(FrameKeys.hmacSecretText(secret)).isEqualTo("LbLPufu2-FqIOthU2JW8FbVtiWEZ8968Xgm-wnpTigM=");
    }

    @Test
    void token_hashes_match_both_references() {
        assertThat(FrameKeys.tokenHash(APPENDIX_A_MASTER, "test-token-123"))
                .isEqualTo("4f2ce1841db5221771627cd613aac74df440f960c27d767dc56ae49a130ed296");
        assertThat(FrameKeys.tokenHash(SECURITY_MASTER, "agent-plaintext-token"))
                .isEqualTo("528514417e4d8dc951fbef5f6316196307da2ec037d2ed30f40876487547a55e");
    }

    @Test
    void frame_keys_differ_per_agent_per_generation_per_project_and_per_master() {
        UUID agent = UUID.randomUUID();
        byte[] key = FrameKeys.frameKey(APPENDIX_A_MASTER, APPENDIX_A_PROJECT, agent, 1);
        assertThat(key).hasSize(32)
                .isEqualTo(FrameKeys.frameKey(APPENDIX_A_MASTER, APPENDIX_A_PROJECT, agent, 1))
                .isNotEqualTo(FrameKeys.frameKey(APPENDIX_A_MASTER, APPENDIX_A_PROJECT, agent, 2))
                .isNotEqualTo(FrameKeys.frameKey(APPENDIX_A_MASTER, APPENDIX_A_PROJECT, UUID.randomUUID(), 1))
                .isNotEqualTo(FrameKeys.frameKey(APPENDIX_A_MASTER, UUID.randomUUID(), agent, 1))
                .isNotEqualTo(FrameKeys.frameKey(SECURITY_MASTER, APPENDIX_A_PROJECT, agent, 1))
                .isNotEqualTo(FrameKeys.projectSecret(APPENDIX_A_MASTER, APPENDIX_A_PROJECT));
    }

    @Test
    void the_hmac_secret_text_is_padded_urlsafe_base64_of_32_bytes() {
        byte[] key = FrameKeys.frameKey(APPENDIX_A_MASTER, APPENDIX_A_PROJECT, UUID.randomUUID(), 3);
        String text = FrameKeys.hmacSecretText(key);
        assertThat(text).hasSize(44).endsWith("=").matches("[A-Za-z0-9_-]{43}=");
        assertThat(Base64.getUrlDecoder().decode(text)).isEqualTo(key);
    }

    private static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }
}
