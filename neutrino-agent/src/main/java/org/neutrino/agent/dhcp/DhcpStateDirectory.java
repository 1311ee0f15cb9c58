package org.neutrino.agent.dhcp;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.Set;
import org.neutrino.agent.common.ClaimedDirectories;

/**
 * {@code <state_path>/dhcp}: one directory per network this agent serves ({@link ClaimedDirectories}:
 * the agent's record of which {@code qdhcp-} namespaces are its own), holding dnsmasq's files
 * and the file {@code port} (the id of the network's DHCP port).
 */
public final class DhcpStateDirectory {
    static final String PORT_FILE = "port";

    private final ClaimedDirectories directories;

    public DhcpStateDirectory(Path root) {
        this.directories = new ClaimedDirectories(root);
    }

    public Path root() {
        return directories.root();
    }

    /** The directory of {@code networkId}. */
    public Path of(String networkId) {
        return directories.of(networkId);
    }

    /** Records that this agent serves {@code networkId} with DHCP port {@code portId}. */
    public void claim(String networkId, String portId) {
        Path dir = directories.claim(networkId);
        try {
            Path temp = Files.createTempFile(dir, "." + PORT_FILE, ".tmp");
            Files.writeString(temp, portId + "\n", StandardCharsets.UTF_8);
            Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rw-r--r--"));
            Files.move(temp, dir.resolve(PORT_FILE), StandardCopyOption.REPLACE_EXISTING,
                    StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot record network " + networkId + " in " + root(), e);
        }
    }

    /** Whether this agent has a directory for {@code networkId}. */
    public boolean isClaimed(String networkId) {
        return directories.isClaimed(networkId);
    }

    /** The networks this agent has a directory for. */
    public Set<String> claimed() {
        return directories.claimed();
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
        directories.release(networkId);
    }
}
