package org.neutrino.agent.dhcp;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * {@code <state_path>/dhcp}: one directory per network this agent serves, holding dnsmasq's
 * files and the file {@code port} (the id of the network's DHCP port). A directory is written
 * <em>before</em> the agent creates anything in the kernel for its network and removed only
 * after everything is gone, so it is the agent's record of which {@code qdhcp-} namespaces
 * are its own: namespace names are machine-wide when hosts are simulated as namespaces, and
 * the agent never touches one it has no directory for. Directories are readable by every user
 * (dnsmasq may drop privileges).
 */
public final class DhcpStateDirectory {
    static final String PORT_FILE = "port";

    private final Path root;

    public DhcpStateDirectory(Path root) {
        this.root = root;
    }

    public Path root() {
        return root;
    }

    /** The directory of {@code networkId}. */
    public Path of(String networkId) {
        return root.resolve(requireId(networkId));
    }

    /** Records that this agent serves {@code networkId} with DHCP port {@code portId}. */
    public void claim(String networkId, String portId) {
        Path dir = of(networkId);
        try {
            createReadable(root);
            createReadable(dir);
            Path temp = Files.createTempFile(dir, "." + PORT_FILE, ".tmp");
            Files.writeString(temp, portId + "\n", StandardCharsets.UTF_8);
            Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rw-r--r--"));
            Files.move(temp, dir.resolve(PORT_FILE), StandardCopyOption.REPLACE_EXISTING,
                    StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot record network " + networkId + " in " + root, e);
        }
    }

    /** Whether this agent has a directory for {@code networkId}. */
    public boolean isClaimed(String networkId) {
        return Files.isDirectory(of(networkId));
    }

    /** The networks this agent has a directory for. */
    public Set<String> claimed() {
        Set<String> ids = new TreeSet<>();
        if (!Files.isDirectory(root)) {
            return ids;
        }
        try (Stream<Path> dirs = Files.list(root)) {
            dirs.filter(Files::isDirectory).map(p -> p.getFileName().toString())
                    .filter(DhcpStateDirectory::isId).forEach(ids::add);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + root, e);
        }
        return ids;
    }

    /** The DHCP port recorded for {@code networkId}, if any. */
    public Optional<String> portOf(String networkId) {
        try {
            String text = Files.readString(of(networkId).resolve(PORT_FILE), StandardCharsets.UTF_8).strip();
            return text.isEmpty() ? Optional.empty() : Optional.of(text);
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** Removes the directory of {@code networkId} and everything in it; nothing if absent. */
    public void release(String networkId) {
        Path dir = of(networkId);
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

    private static String requireId(String networkId) {
        if (networkId == null || !isId(networkId)) {
            throw new IllegalArgumentException("not a network id: '" + networkId + "'");
        }
        return networkId;
    }
}
