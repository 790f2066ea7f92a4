package io.netvcr.replay;

import java.util.function.Function;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * An option value looked up in one of the engine's registries (timers, sinks, send modes): the registry's own
 * error, which names the registered values, becomes picocli's usage error for the option.
 */
abstract class RegistryConverter<T> implements ITypeConverter<T> {
    private final Function<String, T> lookup;

    RegistryConverter(Function<String, T> lookup) {
        this.lookup = lookup;
    }

    @Override
    public final T convert(String value) {
        try {
            return lookup.apply(value);
        } catch (ReplayException e) {
            throw new TypeConversionException(e.getMessage());
        }
    }
}
