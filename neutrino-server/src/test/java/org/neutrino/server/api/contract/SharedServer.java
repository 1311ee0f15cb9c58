package org.neutrino.server.api.contract;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.neutrino.server.testing.TestServer;

/**
 * Gives contract test classes one {@link TestServer} shared by the whole test run (started on
 * first use, closed when the run ends), so that the suite pays the start-up — and on PostgreSQL
 * the database creation — once. Tests stay independent by using their own project ids.
 */
final class SharedServer implements ParameterResolver {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(SharedServer.class);

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == TestServer.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return context.getRoot().getStore(NAMESPACE)
                .getOrComputeIfAbsent("server", key -> new Holder(), Holder.class).server;
    }

    /** Closes the server when the root store is closed, at the end of the run. */
    private static final class Holder implements ExtensionContext.Store.CloseableResource {
        private final TestServer server;

        Holder() {
            try {
                server = TestServer.start();
            } catch (Exception e) {
                throw new IllegalStateException("cannot start the shared test server", e);
            }
        }

        @Override
        public void close() throws Exception {
            server.close();
        }
    }
}
