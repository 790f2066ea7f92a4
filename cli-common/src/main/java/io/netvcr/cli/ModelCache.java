package io.netvcr.cli;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * picocli's parsing model of a command, kept as data beside the help pages ({@link HelpCache}) and rebuilt at run
 * time through picocli's programmatic API, so that a run does not read annotations. Reading them was half of the
 * ~130 ms picocli spent before {@code netvcr-analyze trace.pcap} parsed a word: the JDK makes a dynamic proxy class
 * per annotation type at every start (Java 17 cannot archive them) and walks every field of the command and its
 * mixins (bench/STARTUP-WHERE.md, fourth pass).
 *
 * <p>Only what parsing needs is kept: names, arity, types, converters, defaults, and which field of which object
 * (the command, or a mixin reached through fields) each value goes to. Help, version, man pages and completion
 * keep using the annotated model: {@link #read} answers only for arguments that cannot ask for them. A command
 * whose model has anything this class does not rebuild (argument groups, subcommands, custom parameter
 * consumers, interpolated defaults, ...) is not cached, and runs as before. The training run of the class-data
 * archive writes the files, so they change with the jars exactly as the pages and the archive do.
 */
public final class ModelCache {
    private static final int FORMAT = 1;
    private static final byte OPTION = 'O';
    private static final byte POSITIONAL = 'P';
    private static final byte USAGE_HELP = 'H';
    private static final byte VERSION_HELP = 'V';
    private static final String NO_DEFAULT = "__no_default_value__";
    /** Class.forName does not know the primitive types' names, which option fields have. */
    private static final Map<String, Class<?>> PRIMITIVES = Map.of(
            "boolean", boolean.class,
            "int", int.class,
            "long", long.class,
            "double", double.class,
            "float", float.class,
            "short", short.class,
            "byte", byte.class,
            "char", char.class);

    private ModelCache() {}

    static Path file(Path dir, String tool) {
        return dir.resolve(tool + ".model");
    }

    /**
     * Writes the parsing model of COMMAND (run as TOOL, without its on-demand subcommands) into DIR. Returns
     * false, writing nothing, when the model has parts this cache does not rebuild.
     */
    public static boolean write(Path dir, String tool, Object command) throws IOException {
        byte[] data = encode(ToolMain.commandLine(tool, command, new String[0]));
        if (data == null) {
            return false;
        }
        Files.write(file(dir, tool), data);
        return true;
    }

    /**
     * TOOL's cached model bound to COMMAND for a run with ARGS, or null when there is none (no cache directory, no
     * file for TOOL, an unreadable one) or ARGS may need more than parsing: a help or version option, an @file, a
     * subcommand built on demand. The caller then builds the annotated model, as every run did before.
     */
    static CommandLine read(String tool, Object command, String[] args) {
        String dir = System.getProperty(HelpCache.DIR_PROPERTY);
        if (dir == null || mayNeedFullModel(command, args)) {
            return null;
        }
        return load(Path.of(dir), tool, command);
    }

    /** TOOL's model from DIR bound to COMMAND, or null when DIR has none for it or cannot be read. */
    public static CommandLine load(Path dir, String tool, Object command) {
        byte[] data;
        try {
            data = Files.readAllBytes(file(dir, tool));
        } catch (NoSuchFileException notCached) {
            return null;
        } catch (IOException | RuntimeException unreadable) {
            return null;
        }
        try {
            return decode(tool, command, data);
        } catch (IOException | ReflectiveOperationException | RuntimeException stale) {
            // a file from other jars than these (the launcher's stamp should have caught it): the annotations decide
            return null;
        }
    }

    /**
     * Help and version options (-h, -V, also in a cluster of short options), @files and on-demand subcommands,
     * before any {@code --} (after it every word is a positional parameter): what {@link ToolMain#mayReach} looks
     * for, and the version options.
     */
    static boolean mayNeedFullModel(Object command, String[] args) {
        int end = java.util.Arrays.asList(args).indexOf("--");
        String[] options = end < 0 ? args : java.util.Arrays.copyOf(args, end);
        Set<String> subcommands = command instanceof SubcommandsOnDemand
                ? ((SubcommandsOnDemand) command).subcommands().keySet()
                : Set.of();
        if (ToolMain.mayReach(subcommands, options)) {
            return true;
        }
        for (String a : options) {
            if (a.equals("--version") || a.startsWith("-") && !a.startsWith("--") && a.indexOf('V') > 0) {
                return true;
            }
        }
        return false;
    }

    // ---- writing

    /** The model of CL as bytes, or null when it has a part that {@link #decode} would not rebuild the same. */
    static byte[] encode(CommandLine cl) throws IOException {
        CommandSpec spec = cl.getCommandSpec();
        if (!cl.getSubcommands().isEmpty()
                || !spec.argGroups().isEmpty()
                || !spec.unmatchedArgsBindings().isEmpty()
                || !spec.specElements().isEmpty()
                || !spec.parser()
                        .toString()
                        .equals(CommandSpec.create().parser().toString())) {
            return null;
        }
        Map<Object, List<String>> holders = new IdentityHashMap<>();
        collectHolders(spec.userObject(), new ArrayList<>(), holders);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeInt(FORMAT);
        out.writeUTF(spec.userObject().getClass().getName());
        List<ArgSpec> args = new ArrayList<>(spec.options());
        args.addAll(spec.positionalParameters());
        out.writeInt(args.size());
        for (ArgSpec a : args) {
            if (!encode(a, holders, out)) {
                return null;
            }
        }
        out.flush();
        return bytes.toByteArray();
    }

    /** The command object and every mixin below it, each with the path of field names that reaches it. */
    private static void collectHolders(Object holder, List<String> path, Map<Object, List<String>> holders) {
        holders.put(holder, List.copyOf(path));
        for (Class<?> c = holder.getClass(); c != null && c != Object.class; c = c.getSuperclass()) {
            for (Field f : c.getDeclaredFields()) {
                if (f.isAnnotationPresent(CommandLine.Mixin.class)) {
                    f.setAccessible(true);
                    Object mixin;
                    try {
                        mixin = f.get(holder);
                    } catch (IllegalAccessException e) {
                        throw new IllegalStateException(e);
                    }
                    if (mixin != null) {
                        List<String> sub = new ArrayList<>(path);
                        sub.add(c.getName() + "#" + f.getName());
                        collectHolders(mixin, sub, holders);
                    }
                }
            }
        }
    }

    private static boolean encode(ArgSpec a, Map<Object, List<String>> holders, DataOutputStream out)
            throws IOException {
        if (a.interactive()
                || a.parameterConsumer() != null
                || !a.preprocessor().getClass().getName().equals("picocli.CommandLine$NoOpParameterPreprocessor")
                || a.inherited()
                || a.scopeType() != CommandLine.ScopeType.LOCAL
                || Map.class.isAssignableFrom(a.type())) {
            return false;
        }
        boolean helpOption = a.isOption() && (((OptionSpec) a).usageHelp() || ((OptionSpec) a).versionHelp());
        if (a.isOption()) {
            OptionSpec o = (OptionSpec) a;
            if (o.usageHelp() && o.versionHelp()) {
                return false;
            }
            out.writeByte(o.usageHelp() ? USAGE_HELP : o.versionHelp() ? VERSION_HELP : OPTION);
            writeStrings(out, List.of(o.names()));
            out.writeBoolean(o.negatable());
            writeNullable(out, o.fallbackValue());
        } else {
            out.writeByte(POSITIONAL);
            out.writeUTF(((PositionalParamSpec) a).index().toString());
        }
        out.writeUTF(a.arity().toString());
        out.writeUTF(a.paramLabel());
        out.writeBoolean(a.hideParamSyntax());
        out.writeBoolean(a.required());
        out.writeUTF(a.type().getName());
        List<String> aux = new ArrayList<>();
        for (Class<?> c : a.auxiliaryTypes()) {
            aux.add(c.getName());
        }
        writeStrings(out, aux);
        List<String> converters = new ArrayList<>();
        for (CommandLine.ITypeConverter<?> c : a.converters()) {
            converters.add(c.getClass().getName());
        }
        writeStrings(out, converters);
        writeNullable(out, a.splitRegex().isEmpty() ? null : a.splitRegex());
        if (helpOption) {
            return true; // picocli's own binding, as in its help mixin
        }
        if (!(a.userObject() instanceof Field)) {
            return false;
        }
        Field field = (Field) a.userObject();
        String rawDefault = rawDefault(field);
        if (rawDefault != null && rawDefault.contains("${")) {
            return false;
        }
        writeNullable(out, rawDefault);
        List<String> path = null;
        for (Map.Entry<Object, List<String>> h : holders.entrySet()) {
            if (field.getDeclaringClass().isInstance(h.getKey())) {
                if (path != null) {
                    return false; // two objects of the declaring class: which one is meant is not known here
                }
                path = h.getValue();
            }
        }
        if (path == null) {
            return false;
        }
        writeStrings(out, path);
        out.writeUTF(field.getDeclaringClass().getName());
        out.writeUTF(field.getName());
        return true;
    }

    private static String rawDefault(Field field) {
        CommandLine.Option option = field.getAnnotation(CommandLine.Option.class);
        String value = option != null
                ? option.defaultValue()
                : field.getAnnotation(CommandLine.Parameters.class).defaultValue();
        return NO_DEFAULT.equals(value) ? null : value;
    }

    private static void writeStrings(DataOutputStream out, List<String> values) throws IOException {
        out.writeInt(values.size());
        for (String v : values) {
            out.writeUTF(v);
        }
    }

    private static void writeNullable(DataOutputStream out, String value) throws IOException {
        out.writeBoolean(value != null);
        if (value != null) {
            out.writeUTF(value);
        }
    }

    // ---- reading

    static CommandLine decode(String tool, Object command, byte[] data)
            throws IOException, ReflectiveOperationException {
        DataInputStream in = new DataInputStream(new java.io.ByteArrayInputStream(data));
        if (in.readInt() != FORMAT || !in.readUTF().equals(command.getClass().getName())) {
            return null;
        }
        CommandSpec spec = CommandSpec.wrapWithoutInspection(command);
        spec.name(tool);
        int count = in.readInt();
        for (int i = 0; i < count; i++) {
            byte kind = in.readByte();
            if (kind == POSITIONAL) {
                String index = in.readUTF();
                Attributes at = Attributes.read(in, command, true);
                PositionalParamSpec.Builder p = PositionalParamSpec.builder().index(index);
                p.arity(at.arity).paramLabel(at.paramLabel).hideParamSyntax(at.hideParamSyntax);
                p.required(at.required)
                        .type(at.type)
                        .auxiliaryTypes(at.auxiliaryTypes)
                        .converters(at.converters);
                p.splitRegex(at.splitRegex).defaultValue(at.defaultValue);
                p.getter(at.access)
                        .setter(at.access)
                        .initialValue(at.initialValue)
                        .hasInitialValue(true);
                spec.addPositional(p.build());
            } else {
                OptionSpec.Builder o = OptionSpec.builder(readStrings(in).toArray(new String[0]));
                o.negatable(in.readBoolean())
                        .fallbackValue(readNullable(in))
                        .usageHelp(kind == USAGE_HELP)
                        .versionHelp(kind == VERSION_HELP);
                Attributes at = Attributes.read(in, command, kind == OPTION);
                o.arity(at.arity).paramLabel(at.paramLabel).hideParamSyntax(at.hideParamSyntax);
                o.required(at.required)
                        .type(at.type)
                        .auxiliaryTypes(at.auxiliaryTypes)
                        .converters(at.converters);
                o.splitRegex(at.splitRegex).defaultValue(at.defaultValue);
                if (at.access != null) {
                    o.getter(at.access)
                            .setter(at.access)
                            .initialValue(at.initialValue)
                            .hasInitialValue(true);
                }
                spec.addOption(o.build());
            }
        }
        CommandLine cl = new CommandLine(spec);
        ToolMain.configure(cl, tool);
        return cl;
    }

    /**
     * What options and positional parameters share, as {@link #encode(ArgSpec, Map, DataOutputStream)} wrote it.
     * (picocli's builder for these is not public: each kind of builder is given them on its own.)
     */
    private static final class Attributes {
        String arity;
        String paramLabel;
        boolean hideParamSyntax;
        boolean required;
        Class<?> type;
        Class<?>[] auxiliaryTypes;
        CommandLine.ITypeConverter<?>[] converters;
        String splitRegex;
        String defaultValue;
        /** The field the value goes to; null for help and version options, which keep picocli's own binding. */
        FieldAccess access;
        /** As for an annotated field: the value it holds now, which it is reset to before each parse. */
        Object initialValue;

        static Attributes read(DataInputStream in, Object command, boolean bound)
                throws IOException, ReflectiveOperationException {
            Attributes at = new Attributes();
            at.arity = in.readUTF();
            at.paramLabel = in.readUTF();
            at.hideParamSyntax = in.readBoolean();
            at.required = in.readBoolean();
            at.type = type(in.readUTF());
            List<String> aux = readStrings(in);
            at.auxiliaryTypes = new Class<?>[aux.size()];
            for (int i = 0; i < aux.size(); i++) {
                at.auxiliaryTypes[i] = type(aux.get(i));
            }
            List<String> converters = readStrings(in);
            at.converters = new CommandLine.ITypeConverter<?>[converters.size()];
            for (int i = 0; i < converters.size(); i++) {
                at.converters[i] = (CommandLine.ITypeConverter<?>) make(Class.forName(converters.get(i)));
            }
            String split = readNullable(in);
            at.splitRegex = split == null ? "" : split;
            if (bound) {
                at.defaultValue = readNullable(in);
                Object target = command;
                for (String step : readStrings(in)) {
                    int hash = step.indexOf('#');
                    Field mixin = Class.forName(step.substring(0, hash)).getDeclaredField(step.substring(hash + 1));
                    mixin.setAccessible(true);
                    target = mixin.get(target);
                }
                Field field = Class.forName(in.readUTF()).getDeclaredField(in.readUTF());
                field.setAccessible(true);
                at.access = new FieldAccess(field, target);
                at.initialValue = at.access.get();
            }
            return at;
        }
    }

    private static Class<?> type(String name) throws ClassNotFoundException {
        Class<?> primitive = PRIMITIVES.get(name);
        return primitive != null ? primitive : Class.forName(name);
    }

    private static List<String> readStrings(DataInputStream in) throws IOException {
        int n = in.readInt();
        List<String> values = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            values.add(in.readUTF());
        }
        return values;
    }

    private static String readNullable(DataInputStream in) throws IOException {
        return in.readBoolean() ? in.readUTF() : null;
    }

    /** A field of one object, as picocli's own binding of an annotated field reads and writes it. */
    private static final class FieldAccess implements CommandLine.Model.IGetter, CommandLine.Model.ISetter {
        private final Field field;
        private final Object target;

        FieldAccess(Field field, Object target) {
            this.field = field;
            this.target = target;
        }

        @Override
        @SuppressWarnings("unchecked")
        public <T> T get() {
            try {
                return (T) field.get(target);
            } catch (IllegalAccessException e) {
                throw new CommandLine.PicocliException("cannot read " + field, e);
            }
        }

        @Override
        public <T> T set(T value) {
            try {
                @SuppressWarnings("unchecked")
                T old = (T) field.get(target);
                field.set(target, value);
                return old;
            } catch (IllegalAccessException e) {
                throw new CommandLine.PicocliException("cannot write " + field, e);
            }
        }
    }

    /** A converter, made as picocli's default factory makes one named in an annotation. */
    private static Object make(Class<?> cls) throws ReflectiveOperationException {
        Constructor<?> c = cls.getDeclaredConstructor();
        c.setAccessible(true);
        return c.newInstance();
    }
}
