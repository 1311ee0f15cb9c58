package org.neutrino.agent.linux;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;

/** A CIDR as dnsmasq needs it: network address, prefix length, IPv4 netmask. */
record Cidr(InetAddress network, int prefixLength) {

    static Cidr parse(String cidr) {
        if (cidr == null) {
            throw new IllegalArgumentException("CIDR is null");
        }
        int slash = cidr.indexOf('/');
        if (slash < 0) {
            throw new IllegalArgumentException("not a CIDR: " + cidr);
        }
        String address = cidr.substring(0, slash);
        if (!address.matches("[0-9a-fA-F.:]+")) {
            throw new IllegalArgumentException("not a CIDR: " + cidr);
        }
        InetAddress parsed;
        int prefix;
        try {
            parsed = InetAddress.getByName(address);
            prefix = Integer.parseInt(cidr.substring(slash + 1));
        } catch (UnknownHostException | NumberFormatException e) {
            throw new IllegalArgumentException("not a CIDR: " + cidr, e);
        }
        int bits = parsed.getAddress().length * 8;
        if (prefix < 0 || prefix > bits) {
            throw new IllegalArgumentException("prefix length out of range: " + cidr);
        }
        return new Cidr(mask(parsed.getAddress(), prefix), prefix);
    }

    /** The network address as text, e.g. {@code 10.0.0.0} or {@code fd00::}. */
    String networkAddress() {
        String text = network.getHostAddress();
        return network.getAddress().length == 16 ? compressV6(text) : text;
    }

    /** The IPv4 netmask, e.g. {@code 255.255.255.0}. */
    String netmask() {
        BigInteger ones = BigInteger.ONE.shiftLeft(32).subtract(BigInteger.ONE);
        long mask = ones.shiftRight(prefixLength).xor(ones).longValue();
        return ((mask >> 24) & 255) + "." + ((mask >> 16) & 255) + "." + ((mask >> 8) & 255) + "." + (mask & 255);
    }

    private static InetAddress mask(byte[] address, int prefix) {
        byte[] out = address.clone();
        for (int i = 0; i < out.length; i++) {
            int keep = Math.max(0, Math.min(8, prefix - i * 8));
            out[i] = (byte) (out[i] & (0xff << (8 - keep)));
        }
        try {
            return InetAddress.getByAddress(out);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Java prints {@code fd00:0:0:0:0:0:0:0}; dnsmasq and people write {@code fd00::}. */
    private static String compressV6(String full) {
        String[] groups = full.split(":");
        int bestStart = -1;
        int bestLength = 0;
        for (int i = 0; i < groups.length; ) {
            if (groups[i].equals("0")) {
                int j = i;
                while (j < groups.length && groups[j].equals("0")) {
                    j++;
                }
                if (j - i > bestLength) {
                    bestStart = i;
                    bestLength = j - i;
                }
                i = j;
            } else {
                i++;
            }
        }
        if (bestLength < 2) {
            return full;
        }
        String head = String.join(":", java.util.Arrays.copyOfRange(groups, 0, bestStart));
        String tail = String.join(":", java.util.Arrays.copyOfRange(groups, bestStart + bestLength, groups.length));
        return head + "::" + tail;
    }
}
