package org.neutrino.linux;

/** A device's packet counters as {@code ip -s -j link show} reports them ({@code stats64}). */
public record PacketCounters(String device, long rxPackets, long txPackets) {
}
