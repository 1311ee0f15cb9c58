package org.neutrino.agent.common;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * One directory per resource an agent owns on this host ({@code <state_path>/dhcp/<network>},
 * {@code <state_path>/l3/<router>}). A directory is made <em>before</em> the agent creates
 * anything in the kernel for its resource and removed only after everything is gone, so it is
 * the agent's record of which namespaces are its own: namespace names are machine-wide when
 * hosts are simulated as namespaces, and an agent never touches one it has no directory for.
 * Directories are readable by every user (dnsmasq and radvd may drop privileges).
 */
public final class ClaimedDirectories {
    private final Path root;

    public ClaimedDirectories(Path root) {
        this.root = root;
    }

    public Path root() {
        return root;
    }

    /** The directory of {@code id}. @throws IllegalArgumentException when {@code id} is not a plain id */
    public Path of(String id) {
        return root.resolve(requireId(id));
    }

    /** Makes the directory of {@code id} (and the root) if missing; returns it. */
    public Path claim(String id) {
        Path dir = of(id);
        try {
            createReadable(root);
            createReadable(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot record " + id + " in " + root, e);
        }
        return dir;
    }

    /** Whether there is a directory for {@code id}. */
    public boolean isClaimed(String id) {
        return Files.isDirectory(of(id));
    }

    /** The ids there is a directory for. */
    public Set<String> claimed() {
        Set<String> ids = new TreeSet<>();
        if (!Files.isDirectory(root)) {
            return ids;
        }
        try (Stream<Path> dirs = Files.list(root)) {
            dirs.filter(Files::isDirectory).map(p -> p.getFileName().toString())
                    .filter(ClaimedDirectories::isId).forEach(ids::add);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + root, e);
        }
        return ids;
    }

    /** Removes the directory of {@code id} and everything in it; nothing if absent. */
    public void release(String id) {
        Path dir = of(id);
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove " + dir, e);
        }
    }

    private static void createReadable(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            Files.createDirectories(dir);
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
    }

    private static boolean isId(String name) {
        return name.matches("[A-Za-z0-9][A-Za-z0-9_.-]*");
    }

    private static String requireId(String id) {
        if (id == null || !isId(id)) {
            throw new IllegalArgumentException("not an id: '" + id + "'");
        }
        return id;
    }
}
