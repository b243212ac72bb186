package dev.z4j.adapter.http;

import dev.z4j.ports.identity.Accounts;
import dev.z4j.ports.identity.Authentication;
import dev.z4j.ports.identity.FirstBoot;
import dev.z4j.ports.identity.UserAdministration;
import dev.z4j.ports.projects.Memberships;
import dev.z4j.ports.projects.ProjectAccess;
import dev.z4j.ports.projects.Projects;
import java.lang.reflect.Proxy;

/** In-ports a test does not exercise: any call fails the test. */
final class UnusedPorts {

    private UnusedPorts() {
    }

    static IdentityPorts identity() {
        return new IdentityPorts(unused(Authentication.class), unused(Accounts.class), unused(FirstBoot.class),
                unused(UserAdministration.class), unused(Projects.class), unused(ProjectAccess.class),
                unused(Memberships.class));
    }

    static <T> T unused(Class<T> port) {
        return port.cast(Proxy.newProxyInstance(port.getClassLoader(), new Class<?>[] {port}, (proxy, method, args) -> {
            if (method.getName().equals("toString")) {
                return "unused " + port.getSimpleName();
            }
            throw new AssertionError(port.getSimpleName() + "." + method.getName() + " was not expected here");
        }));
    }
}
