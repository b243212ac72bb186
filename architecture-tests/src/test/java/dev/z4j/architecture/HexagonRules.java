package dev.z4j.architecture;

import static com.tngtech.archunit.base.DescribedPredicate.describe;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.fields;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaConstructorCall;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;
import java.util.List;

/**
 * The rules of ARCHITECTURE.md as sentences. Each is a function of the base package so the same rule checks the
 * product ({@code dev.z4j}) and the fixtures that prove it can fail. Every failure message says what to do instead.
 */
final class HexagonRules {

    private final String base;

    HexagonRules(String base) {
        this.base = base;
    }

    private String pkg(String relative) {
        return base + "." + relative;
    }

    ArchRule ports_and_domain_use_only_the_jdk() {
        return classes().that().resideInAnyPackage(pkg("ports.."), pkg("domain.."))
                .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "javax.crypto..", pkg("ports.."),
                        pkg("domain.."))
                .as("ports and domain use only the JDK")
                .because("the core must stay a plain-Java library; put framework code in an adapter behind an "
                        + "out-port, and log through java.lang.System.Logger (the app bridges it to SLF4J)");
    }

    ArchRule ports_do_not_depend_on_the_domain() {
        return noClasses().that().resideInAPackage(pkg("ports.."))
                .should().dependOnClassesThat().resideInAPackage(pkg("domain.."))
                .as("ports do not depend on the domain")
                .because("ports are the contract; move the type the port needs into dev.z4j.ports");
    }

    ArchRule adapters_never_depend_on_the_domain() {
        return noClasses().that().resideInAnyPackage(pkg("adapter.."), pkg("shell.."))
                .should().dependOnClassesThat().resideInAPackage(pkg("domain.."))
                .as("adapters never depend on the domain")
                .because("adapters reach the core only through in-ports in dev.z4j.ports; take the in-port "
                        + "interface as a constructor argument and let dev.z4j.app pass the service");
    }

    ArchRule adapters_meet_only_through_ports() {
        return slices().matching(pkg("adapter.(*)..")).should().notDependOnEachOther()
                .as("adapters meet only through ports")
                .because("one adapter must not call another; define an out-port in dev.z4j.ports and let the app "
                        + "connect the two");
    }

    ArchRule the_shell_and_the_adapters_do_not_use_each_other() {
        return noClasses().that().resideInAPackage(pkg("shell.."))
                .should().dependOnClassesThat().resideInAPackage(pkg("adapter.."))
                .orShould().dependOnClassesThat().resideInAPackage(pkg("app.."))
                .as("the shell uses only ports")
                .because("operator commands must work on any wiring; reach the brain through an in-port that "
                        + "dev.z4j.app hands to the command");
    }

    ArchRule only_the_app_wires() {
        return classes().that().resideInAnyPackage(pkg("domain.."), pkg("adapter.."))
                .and(implementAPort())
                .should(beConstructedOnlyByTheAppOrThemselves())
                .as("only the app wires services and adapters")
                .because("construction happens in one place (dev.z4j.app) with plain constructors: no service "
                        + "locator, no static singleton, no DI framework; take the collaborator as a constructor "
                        + "argument instead of creating it");
    }

    ArchRule there_is_no_static_mutable_state() {
        return fields().that().areStatic().and().areDeclaredInClassesThat().resideInAPackage(base + "..")
                .should().beFinal()
                .as("there is no static mutable state")
                .because("two brains must run in one JVM; keep state in instances created by the app");
    }

    ArchRule feature_packages_are_closed() {
        return slices().assignedFrom(new FeatureSlices()).should().notDependOnEachOther()
                .as("feature packages are closed")
                .because("a feature uses another only through ports; put shared plumbing in the module's support "
                        + "package and shared contracts in " + base + ".ports.<feature>");
    }

    ArchRule packages_are_free_of_cycles() {
        return slices().matching(base + ".(**)").should().beFreeOfCycles()
                .as("packages are free of cycles")
                .because("a cycle means two packages are one; move the shared type down into support or ports");
    }

    List<ArchRule> all() {
        return List.of(ports_and_domain_use_only_the_jdk(), ports_do_not_depend_on_the_domain(),
                adapters_never_depend_on_the_domain(), adapters_meet_only_through_ports(),
                the_shell_and_the_adapters_do_not_use_each_other(), only_the_app_wires(),
                there_is_no_static_mutable_state(), feature_packages_are_closed(), packages_are_free_of_cycles());
    }

    /**
     * One slice per feature package of each module ({@code domain.audit}, {@code adapter.jdbc.audit}, ...). Ports,
     * module roots (where the wiring and entry points live) and {@code support} packages belong to no slice.
     */
    private final class FeatureSlices implements SliceAssignment {
        @Override
        public SliceIdentifier getIdentifierOf(JavaClass c) {
            String p = c.getPackageName();
            if (!p.startsWith(base + ".")) {
                return SliceIdentifier.ignore();
            }
            String[] parts = p.substring(base.length() + 1).split("\\.");
            int featureIndex = parts[0].equals("adapter") ? 2 : 1;
            if (parts[0].equals("ports") || parts.length <= featureIndex || parts[featureIndex].equals("support")) {
                return SliceIdentifier.ignore();
            }
            String module = String.join(".", java.util.Arrays.copyOf(parts, featureIndex));
            return SliceIdentifier.of(module, parts[featureIndex]);
        }

        @Override
        public String getDescription() {
            return "feature packages";
        }
    }

    private com.tngtech.archunit.base.DescribedPredicate<JavaClass> implementAPort() {
        return describe("implement a port", c -> c.getAllRawInterfaces().stream()
                .anyMatch(i -> i.getPackageName().startsWith(pkg("ports"))));
    }

    private ArchCondition<JavaClass> beConstructedOnlyByTheAppOrThemselves() {
        return new ArchCondition<>("be constructed only by the app or themselves") {
            @Override
            public void check(JavaClass item, ConditionEvents events) {
                for (JavaConstructorCall call : item.getConstructorCallsToSelf()) {
                    JavaClass caller = call.getOriginOwner();
                    boolean fromApp = caller.getPackageName().startsWith(pkg("app"));
                    boolean fromSelf = caller.equals(item) || caller.getEnclosingClass().map(item::equals).orElse(false);
                    if (!fromApp && !fromSelf) {
                        events.add(SimpleConditionEvent.violated(call, caller.getName() + " constructs "
                                + item.getName() + " in " + call.getSourceCodeLocation()));
                    }
                }
            }
        };
    }
}
