package dev.z4j.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** Each rule, applied to the fixtures under {@code fixtures.z4j}, reports the fixture written to break it. */
class RulesCanFailTest {

    private static final JavaClasses FIXTURES = new ClassFileImporter().importPackages("fixtures.z4j");
    private static final HexagonRules RULES = new HexagonRules("fixtures.z4j");

    private static final Map<ArchRule, String> RULE_TO_OFFENDER = Map.of(
            RULES.ports_and_domain_use_only_the_jdk(), "UsesSlf4j",
            RULES.ports_do_not_depend_on_the_domain(), "NeedsDomain",
            RULES.adapters_never_depend_on_the_domain(), "CallsDomain",
            RULES.adapters_meet_only_through_ports(), "CallsJdbc",
            RULES.the_shell_and_the_adapters_do_not_use_each_other(), "UsesAdapter",
            RULES.only_the_app_wires(), "CallsDomain",
            RULES.there_is_no_static_mutable_state(), "Singleton",
            RULES.feature_packages_are_closed(), "ReachesIntoAudit",
            RULES.packages_are_free_of_cycles(), "Left");

    @TestFactory
    Stream<DynamicTest> each_rule_reports_its_fixture_and_says_what_to_do() {
        return RULE_TO_OFFENDER.entrySet().stream().map(e -> DynamicTest.dynamicTest(
                e.getKey().getDescription() + " catches " + e.getValue(), () -> {
                    EvaluationResult result = e.getKey().evaluate(FIXTURES);
                    assertThat(result.hasViolation()).isTrue();
                    assertThat(result.getFailureReport().toString())
                            .contains(e.getValue())
                            .contains("because");
                }));
    }

    @Test
    void every_rule_has_a_fixture() {
        assertThat(RULES.all()).extracting(ArchRule::getDescription)
                .containsExactlyInAnyOrderElementsOf(RULE_TO_OFFENDER.keySet().stream()
                        .map(ArchRule::getDescription).toList());
    }
}
