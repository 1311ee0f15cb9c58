package org.neutrino.lib.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The configuration of a process, read the way oslo.config reads
 * {@code neutron-server --config-file a.conf --config-file b.conf}: files in order, a value in
 * a later file replacing the same option of an earlier one; values are kept as text and parsed
 * only when an {@link Opt} asks for them, with oslo's {@code $option} / {@code ${group.option}}
 * interpolation. Immutable once built.
 */
public final class Config {
    private static final Logger LOG = LoggerFactory.getLogger(Config.class);

    private final List<Path> files;
    private final List<Path> configDirs;
    private final Map<Key, Setting> settings;
    private final List<Key> order;
    private final Map<Key, Opt<?>> declared;
    private final Set<String> deprecationsReported = ConcurrentHashMap.newKeySet();

    private Config(Builder builder) {
        this.files = List.copyOf(builder.files);
        this.configDirs = List.copyOf(builder.configDirs);
        this.settings = Map.copyOf(builder.settings);
        this.declared = Map.copyOf(builder.declared);
        this.order = List.copyOf(builder.settings.keySet());
    }

    /** A configuration with nothing set: every option has its default. */
    public static Config empty() {
        return builder().build();
    }

    /** Reads {@code files} in order, later ones overriding earlier ones. */
    public static Config load(List<Path> files) {
        return builder().files(files).build();
    }

    /**
     * A configuration from sections of raw values, for tests and programmatic set-ups, e.g.
     * {@code Config.of(Map.of("DEFAULT", Map.of("bind_port", "0")))}.
     */
    public static Config of(Map<String, Map<String, String>> sections) {
        Builder builder = builder();
        sections.forEach((group, values) -> values.forEach((name, text) -> builder.set(group, name, text)));
        return builder.build();
    }

    /** An empty builder. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding everything this configuration holds, to add overrides to. */
    public Builder toBuilder() {
        Builder builder = new Builder();
        builder.files.addAll(files);
        builder.configDirs.addAll(configDirs);
        for (Key key : order) {
            builder.settings.put(key, settings.get(key));
        }
        builder.declared.putAll(declared);
        return builder;
    }

    /**
     * The value of {@code opt}: the text set in the last source that sets it (or one of its
     * deprecated names), interpolated and parsed; else its default, interpolated when it is text.
     * May be {@code null} when the default is.
     *
     * @throws ConfigException when the text is not valid for the option's type, naming the
     *                         file, section and option
     */
    public <T> T get(Opt<T> opt) {
        Optional<Setting> setting = lookup(opt);
        if (setting.isPresent()) {
            ConfigValue value = setting.get().value();
            String text;
            try {
                text = substitute(value.text(), opt.normalizedGroup(), value, new ArrayDeque<>());
            } catch (ConfigException e) {
                if (!opt.secret()) {
                    throw e;
                }
                throw new ConfigException("Invalid $ reference in secret option " + opt + " in " + value.location()
                        + " (write $$ for a literal $)");
            }
            return parse(opt, text, "in " + value.location());
        }
        return defaultOf(opt);
    }

    /** The value of {@code opt} as {@link #get}, empty when it is {@code null}. */
    public <T> Optional<T> find(Opt<T> opt) {
        return Optional.ofNullable(get(opt));
    }

    /** Whether a source sets {@code opt} (under its name or a deprecated one). */
    public boolean isSet(Opt<?> opt) {
        return lookup(opt).isPresent();
    }

    /** Where {@code opt} was set, if it was. */
    public Optional<ConfigValue> source(Opt<?> opt) {
        return lookup(opt).map(Setting::value);
    }

    /** The configuration files read, in order. */
    public List<Path> files() {
        return files;
    }

    /**
     * Finds a file named relative to the configuration, as oslo's {@code find_file} does for
     * {@code policy_file}: an absolute path as is; otherwise the first existing match in the
     * configuration directories, then in the directories of the configuration files.
     */
    public Optional<Path> findFile(String name) {
        Path path = Path.of(name);
        if (path.isAbsolute()) {
            return Files.exists(path) ? Optional.of(path) : Optional.empty();
        }
        Stream<Path> dirs = Stream.concat(configDirs.stream(),
                files.stream().map(f -> f.toAbsolutePath().getParent()).filter(Objects::nonNull));
        return dirs.map(dir -> dir.resolve(name)).filter(Files::exists).findFirst();
    }

    /**
     * The options set in the sources that none of {@code known} declares (neither by name nor
     * by deprecated name), without logging.
     */
    public List<UnknownOption> unknownOptions(Collection<? extends Opt<?>> known) {
        Set<Key> knownKeys = new HashSet<>();
        for (Opt<?> opt : known) {
            knownKeys.add(Key.of(opt.group(), opt.name()));
            opt.deprecatedNames().forEach(d -> knownKeys.add(Key.of(d.group(), d.name())));
        }
        List<UnknownOption> unknown = new ArrayList<>();
        for (Key key : order) {
            if (!knownKeys.contains(key)) {
                Setting setting = settings.get(key);
                unknown.add(new UnknownOption(setting.group(), setting.name(), setting.value()));
            }
        }
        return List.copyOf(unknown);
    }

    /**
     * Logs one WARNING per option set in the sources that none of {@code known} declares, so a
     * misspelt or unsupported option is never silently ignored.
     *
     * @return the unknown options, in the order they were read
     */
    public List<UnknownOption> warnUnknown(Collection<? extends Opt<?>> known) {
        List<UnknownOption> unknown = unknownOptions(known);
        for (UnknownOption option : unknown) {
            LOG.warn("Unknown option [{}] {} in {} is ignored", option.group(), option.name(),
                    option.value().location());
        }
        return unknown;
    }

    /**
     * One line {@code [group] name = value} per option, in the given order, with secret values
     * shown as {@code ****}: what a server logs at start-up (oslo's {@code log_opt_values}).
     */
    public List<String> describe(Collection<? extends Opt<?>> opts) {
        List<String> lines = new ArrayList<>();
        for (Opt<?> opt : opts) {
            lines.add(describeOne(opt));
        }
        return List.copyOf(lines);
    }

    private <T> String describeOne(Opt<T> opt) {
        return opt + " = " + opt.display(get(opt));
    }

    private Optional<Setting> lookup(Opt<?> opt) {
        Setting setting = settings.get(Key.of(opt.group(), opt.name()));
        if (setting != null) {
            return Optional.of(setting);
        }
        for (DeprecatedName old : opt.deprecatedNames()) {
            Setting deprecated = settings.get(Key.of(old.group(), old.name()));
            if (deprecated != null) {
                if (deprecationsReported.add(opt + "<-" + old)) {
                    LOG.warn("Option [{}] {} in {} is deprecated, use {} instead", old.group(), old.name(),
                            deprecated.value().location(), opt);
                }
                return Optional.of(deprecated);
            }
        }
        return Optional.empty();
    }

    private <T> T defaultOf(Opt<T> opt) {
        T value = opt.defaultValue();
        if (value == null || !(opt.type() instanceof OptType.StringType || opt.type() instanceof OptType.ListType)) {
            return value;
        }
        String text = opt.type().format(value);
        if (text.indexOf('$') < 0) {
            return value;
        }
        ConfigValue origin = new ConfigValue(text, "default of " + opt, 0);
        return parse(opt, substitute(text, opt.normalizedGroup(), origin, new ArrayDeque<>()), "(its default)");
    }

    private static <T> T parse(Opt<T> opt, String text, String where) {
        try {
            return opt.type().parse(text);
        } catch (IllegalArgumentException e) {
            String shown = opt.secret() ? "" : "'" + text + "' ";
            throw new ConfigException("Invalid value " + shown + "for option " + opt + " " + where + ": "
                    + e.getMessage(), e);
        }
    }

    /**
     * oslo.config's template substitution: {@code $$} and {@code \$} give a literal dollar;
     * {@code $name} and {@code ${name}} take option {@code name} of the same group, else of
     * DEFAULT; {@code ${group.name}} names the group; an option without value gives "".
     */
    private String substitute(String text, String group, ConfigValue origin, Deque<Key> resolving) {
        String template = text.replace("\\$", "$$");
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < template.length()) {
            char c = template.charAt(i);
            if (c != '$' || i + 1 >= template.length()) {
                out.append(c);
                i++;
                continue;
            }
            char next = template.charAt(i + 1);
            if (next == '$') {
                out.append('$');
                i += 2;
            } else if (next == '{') {
                int close = template.indexOf('}', i + 2);
                String id = close < 0 ? "" : template.substring(i + 2, close);
                if (isIdentifier(id)) {
                    out.append(resolve(id, group, origin, resolving));
                    i = close + 1;
                } else {
                    out.append(c);
                    i++;
                }
            } else {
                int end = i + 1;
                while (end < template.length() && isIdentifierChar(template.charAt(end), end == i + 1)) {
                    end++;
                }
                if (end == i + 1) {
                    out.append(c);
                    i++;
                } else {
                    out.append(resolve(template.substring(i + 1, end), group, origin, resolving));
                    i = end;
                }
            }
        }
        return out.toString();
    }

    private String resolve(String reference, String group, ConfigValue origin, Deque<Key> resolving) {
        int dot = reference.indexOf('.');
        List<Key> candidates = dot >= 0
                ? List.of(Key.of(reference.substring(0, dot), reference.substring(dot + 1)))
                : List.of(Key.of(group, reference), Key.of(Opt.DEFAULT_GROUP, reference));
        for (Key key : candidates) {
            if (resolving.contains(key)) {
                throw new ConfigException("Circular reference to $" + reference + " in " + origin.location());
            }
            Setting setting = settings.get(key);
            Opt<?> opt = declared.get(key);
            if (setting == null && opt == null) {
                continue;
            }
            resolving.push(key);
            try {
                if (setting != null) {
                    return substitute(setting.value().text(), key.group(), setting.value(), resolving);
                }
                return formattedDefault(opt, key, resolving);
            } finally {
                resolving.pop();
            }
        }
        throw new ConfigException("Unknown option $" + reference + " referenced in " + origin.location());
    }

    private <T> String formattedDefault(Opt<T> opt, Key key, Deque<Key> resolving) {
        T value = opt.defaultValue();
        if (value == null) {
            return "";
        }
        String text = opt.type().format(value);
        return substitute(text, key.group(), new ConfigValue(text, "default of " + opt, 0), resolving);
    }

    private static boolean isIdentifier(String id) {
        if (id.isEmpty()) {
            return false;
        }
        for (int i = 0; i < id.length(); i++) {
            if (!isIdentifierChar(id.charAt(i), i == 0)) {
                return false;
            }
        }
        return true;
    }

    private static boolean isIdentifierChar(char c, boolean first) {
        boolean letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
        return first ? letter : letter || (c >= '0' && c <= '9') || c == '.';
    }

    /** A section and option name as oslo.config compares them. */
    private record Key(String group, String name) {
        static Key of(String group, String name) {
            return new Key(Opt.normalizeGroup(group), Opt.normalizeName(name));
        }
    }

    /** One option set in a source, with its spelling as written. */
    private record Setting(String group, String name, ConfigValue value) {
    }

    /**
     * Collects sources in order; each one overrides what the earlier ones set. Files are read
     * when added.
     */
    public static final class Builder {
        private final List<Path> files = new ArrayList<>();
        private final List<Path> configDirs = new ArrayList<>();
        private final Map<Key, Setting> settings = new LinkedHashMap<>();
        private final Map<Key, Opt<?>> declared = new LinkedHashMap<>();

        private Builder() {
        }

        /**
         * Reads one INI file ({@code --config-file}).
         *
         * @throws ConfigException when the file is missing, unreadable or malformed
         */
        public Builder file(Path file) {
            String text;
            try {
                text = Files.readString(file, StandardCharsets.UTF_8);
            } catch (NoSuchFileException e) {
                throw new ConfigException("Failed to find config file: " + file, e);
            } catch (IOException e) {
                throw new ConfigException("Failed to read config file " + file + ": " + e.getMessage(), e);
            }
            for (IniParser.Entry entry : IniParser.parse(text, file.toString())) {
                put(entry.section(), entry.key(), entry.value());
            }
            files.add(file);
            return this;
        }

        /** Reads {@code paths} in order. */
        public Builder files(Collection<Path> paths) {
            paths.forEach(this::file);
            return this;
        }

        /**
         * Reads every {@code *.conf} file of {@code dir} in name order ({@code --config-dir}).
         */
        public Builder configDir(Path dir) {
            List<Path> confs;
            try (Stream<Path> listing = Files.list(dir)) {
                confs = listing.filter(p -> p.getFileName().toString().endsWith(".conf"))
                        .filter(Files::isRegularFile).sorted().toList();
            } catch (IOException e) {
                throw new ConfigException("Failed to read config dir " + dir + ": " + e.getMessage(), e);
            }
            configDirs.add(dir);
            return files(confs);
        }

        /** Sets the raw text of {@code [group] name}, as if written in a file read last. */
        public Builder set(String group, String name, String text) {
            Opt.requireWord("group", group);
            Opt.requireWord("name", name);
            put(group, name, new ConfigValue(text, "override", 0));
            return this;
        }

        /** Sets {@code opt} to {@code value}, as if written in a file read last. */
        public <T> Builder set(Opt<T> opt, T value) {
            Objects.requireNonNull(value, "value");
            put(opt.group(), opt.name(), new ConfigValue(opt.type().format(value), "override", 0));
            return this;
        }

        /**
         * Declares options whose defaults may be referenced by interpolation (e.g. the
         * {@code $state_path} in another option's default) even when no file sets them.
         */
        public Builder declare(Collection<? extends Opt<?>> opts) {
            opts.forEach(opt -> declared.put(Key.of(opt.group(), opt.name()), opt));
            return this;
        }

        /** The configuration built from the sources added so far. */
        public Config build() {
            return new Config(this);
        }

        private void put(String group, String name, ConfigValue value) {
            Key key = Key.of(group, name);
            settings.remove(key);
            settings.put(key, new Setting(group, name, value));
        }
    }
}
