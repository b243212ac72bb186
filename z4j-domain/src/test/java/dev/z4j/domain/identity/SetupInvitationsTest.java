package dev.z4j.domain.identity;

import static dev.z4j.domain.testing.IdentityFixture.refusal;
import static dev.z4j.domain.testing.IdentityFixture.PASSWORD;
import static dev.z4j.domain.testing.IdentityFixture.anonymous;
import static org.assertj.core.api.Assertions.assertThat;

import dev.z4j.domain.testing.IdentityFixture;
import dev.z4j.ports.audit.Actor;
import dev.z4j.ports.identity.Caller;
import dev.z4j.ports.identity.FirstBoot.SetupCompleted;
import dev.z4j.ports.identity.FirstBoot.SetupInvitation;
import dev.z4j.ports.identity.FirstBoot.SetupRequest;
import dev.z4j.ports.identity.ProjectRole;
import dev.z4j.ports.identity.User;
import dev.z4j.ports.support.Refusal;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class SetupInvitationsTest {

    private final IdentityFixture f = new IdentityFixture();
    private final Caller browser = anonymous("192.0.2.50");

    private static String tokenOf(SetupInvitation invitation) {
        return invitation.url().substring(invitation.url().indexOf("token=") + 6);
    }

    private SetupRequest request(String token) {
        return new SetupRequest(token, "Founder@Example.TEST", "Fran Founder", PASSWORD, "Payments Team");
    }

    @Test
    void the_invitation_is_a_public_url_with_a_43_character_token_that_is_stored_only_as_a_keyed_hash() {
        SetupInvitation invitation = f.setup.inviteFirstOwner(Caller.brain()).orElseThrow();
        assertThat(invitation.url()).matches("https://z4j\\.example\\.test/setup\\?token=[A-Za-z0-9_-]{43}");
        assertThat(invitation.expiresAt()).isEqualTo(f.clock.instant().plus(Duration.ofMinutes(15)));
        assertThat(f.db.setupTokens.findByHash(tokenOf(invitation))).isEmpty();
        assertThat(f.db.setupTokens.findByHash(f.setup.hash(tokenOf(invitation)))).isPresent();
        assertThat(f.audit.last("setup.token_minted").actor()).isEqualTo(Actor.system());
    }

    @Test
    void completing_creates_the_owner_and_first_project_signs_in_and_burns_the_token() {
        String token = tokenOf(f.setup.inviteFirstOwner(Caller.brain()).orElseThrow());
        SetupCompleted done = f.setup.complete(browser, request(token));

        User owner = done.signedIn().user();
        assertThat(owner.email().value()).isEqualTo("founder@example.test");
        assertThat(owner.owner()).isTrue();
        assertThat(done.projectSlug()).isEqualTo("payments-team");
        assertThat(f.db.memberships.find(owner.id(), done.projectId()).orElseThrow().role()).isEqualTo(ProjectRole.ADMIN);
        assertThat(f.signIn.authenticate(done.signedIn().sessionToken())).isPresent();
        assertThat(f.db.setupTokens.count()).isZero();
        assertThat(f.audit.last("setup.completed").projectId()).contains(done.projectId());
        assertThat(f.setup.awaitingFirstOwner()).isFalse();
        assertThat(f.setup.inviteFirstOwner(Caller.brain())).as("no new token once an owner exists").isEmpty();

        Refusal again = refusal(() -> f.setup.complete(browser, request(token)));
        assertThat(again.kind()).isEqualTo(Refusal.Kind.CONFLICT);
        assertThat(again.reason()).isEqualTo("already_initialised");
    }

    @Test
    void an_expired_token_is_refused_as_expired_and_a_wrong_one_as_invalid_both_audited() {
        String token = tokenOf(f.setup.inviteFirstOwner(Caller.brain()).orElseThrow());
        Refusal wrong = refusal(() -> f.setup.complete(browser, request("A".repeat(43))));
        assertThat(wrong.kind()).isEqualTo(Refusal.Kind.NOT_FOUND);
        assertThat(wrong.reason()).isEqualTo("invalid_token");

        f.clock.advance(Duration.ofMinutes(15));
        Refusal expired = refusal(() -> f.setup.complete(browser, request(token)));
        assertThat(expired.kind()).isEqualTo(Refusal.Kind.EXPIRED);
        assertThat(refusal(() -> f.setup.checkToken(browser, token)).kind()).isEqualTo(Refusal.Kind.EXPIRED);
        assertThat(f.audit.entries()).filteredOn(e -> e.action().equals("setup.attempt"))
                .extracting(e -> e.metadata().get("reason")).containsExactly("invalid_token", "expired");
        assertThat(f.db.users.activeOwnerExists()).isFalse();
    }

    @Test
    void a_weak_password_is_refused_naming_the_rule_and_leaves_the_token_usable() {
        String token = tokenOf(f.setup.inviteFirstOwner(Caller.brain()).orElseThrow());
        Refusal weak = refusal(() -> f.setup.complete(browser, new SetupRequest(token, "founder@example.test",
                "Fran", "password2026!", "Ops")));
        assertThat(weak.kind()).isEqualTo(Refusal.Kind.INVALID);
        assertThat(weak.reason()).isEqualTo("password_too_common");
        f.setup.checkToken(browser, token);
        assertThat(f.setup.complete(browser, request(token)).signedIn().user().owner()).isTrue();
    }

    @Test
    void of_two_concurrent_completions_exactly_one_wins() throws Exception {
        String token = tokenOf(f.setup.inviteFirstOwner(Caller.brain()).orElseThrow());
        CountDownLatch start = new CountDownLatch(1);
        Callable<Object> attempt = () -> {
            start.await();
            try {
                return f.setup.complete(browser, request(token));
            } catch (Refusal r) {
                return r;
            }
        };
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<Object>> results = List.of(pool.submit(attempt), pool.submit(attempt));
            start.countDown();
            List<Object> outcomes = List.of(results.get(0).get(), results.get(1).get());
            assertThat(outcomes).filteredOn(SetupCompleted.class::isInstance).hasSize(1);
            assertThat(outcomes).filteredOn(Refusal.class::isInstance).hasSize(1);
        } finally {
            pool.shutdownNow();
        }
        assertThat(f.db.users.countActiveOwnersForUpdate()).isEqualTo(1);
        assertThat(f.db.projects.countActive()).isEqualTo(1);
    }

    @Test
    void token_guessing_from_one_address_is_throttled() {
        f.setup.inviteFirstOwner(Caller.brain());
        for (int i = 0; i < LoginThrottle.SETUP_THRESHOLD; i++) {
            refusal(() -> f.setup.checkToken(browser, "guess-" + System.nanoTime()));
        }
        Refusal throttled = refusal(() -> f.setup.checkToken(browser, "guess"));
        assertThat(throttled.kind()).isEqualTo(Refusal.Kind.THROTTLED);
        assertThat(throttled.retryAfter()).isPresent();
    }

    @Test
    void a_new_invitation_replaces_the_previous_one() {
        String first = tokenOf(f.setup.inviteFirstOwner(Caller.cli("root")).orElseThrow());
        String second = tokenOf(f.setup.inviteFirstOwner(Caller.cli("root")).orElseThrow());
        assertThat(refusal(() -> f.setup.checkToken(browser, first)).reason()).isEqualTo("invalid_token");
        f.setup.checkToken(browser, second);
        assertThat(f.audit.last("setup.token_minted").actor()).isEqualTo(Actor.cli("root"));
    }

    @Test
    void the_headless_bootstrap_creates_an_owner_and_a_default_project_once_and_voids_pending_links() {
        String token = tokenOf(f.setup.inviteFirstOwner(Caller.brain()).orElseThrow());
        User owner = f.setup.bootstrap(Caller.brain(), "ops@example.test", PASSWORD).orElseThrow();
        assertThat(owner.owner()).isTrue();
        assertThat(f.db.projects.listActive(10)).extracting(p -> p.slug().value()).containsExactly("default");
        assertThat(f.audit.last("setup.bootstrap").actor()).isEqualTo(Actor.system());
        assertThat(refusal(() -> f.setup.checkToken(browser, token)).reason()).isEqualTo("already_initialised");
        assertThat(f.setup.bootstrap(Caller.brain(), "ops@example.test", PASSWORD)).isEmpty();
        assertThat(f.login("ops@example.test").user().id()).isEqualTo(owner.id());
    }

    @Test
    void the_first_project_gets_a_free_slug_when_an_old_one_holds_the_name() {
        f.project("payments-team");
        String token = tokenOf(f.setup.inviteFirstOwner(Caller.brain()).orElseThrow());
        assertThat(f.setup.complete(browser, request(token)).projectSlug()).isEqualTo("payments-team-2");
    }
}
