package dev.runtrail.local.junit;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * One real service per test JVM, kept in JUnit's root store (closed when the run ends), and a
 * per-class view of it with a prefix no other test class uses.
 *
 * @param <S> the running service
 * @param <V> what a test class sees of it
 */
abstract class SharedServiceExtension<S extends AutoCloseable, V>
        implements BeforeAllCallback, ParameterResolver {
    private final ExtensionContext.Namespace namespace =
            ExtensionContext.Namespace.create(getClass());
    private final Class<S> serviceType;
    private final Class<V> viewType;

    SharedServiceExtension(Class<S> serviceType, Class<V> viewType) {
        this.serviceType = serviceType;
        this.viewType = viewType;
    }

    /** Starts the service; called once per test JVM. */
    abstract S start() throws Exception;

    /** The view a test class with this prefix gets. */
    abstract V view(S service, String prefix);

    @Override
    public void beforeAll(ExtensionContext context) {
        context.getStore(namespace)
                .getOrComputeIfAbsent(
                        "view",
                        k -> view(service(context), SharedResources.prefixFor(context)),
                        viewType);
    }

    private S service(ExtensionContext context) {
        return context.getRoot()
                .getStore(namespace)
                .getOrComputeIfAbsent(
                        "service",
                        k -> {
                            try {
                                return start();
                            } catch (Exception e) {
                                throw new IllegalStateException(
                                        "Could not start the shared "
                                                + serviceType.getSimpleName()
                                                + ": "
                                                + e.getMessage(),
                                        e);
                            }
                        },
                        serviceType);
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == viewType;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        ExtensionContext classContext =
                context.getTestMethod().isPresent() ? context.getParent().orElseThrow() : context;
        beforeAll(classContext);
        return classContext.getStore(namespace).get("view", viewType);
    }
}
