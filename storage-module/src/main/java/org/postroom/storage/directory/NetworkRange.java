package org.postroom.storage.directory;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

/** A CIDR block such as {@code 192.0.2.0/24} or {@code 2001:db8::/32}; a bare address is a /32 or /128. */
public record NetworkRange(byte[] network, int prefixLength) {

    /** @throws IllegalArgumentException with the offending text when it is not CIDR notation */
    public static NetworkRange parse(String cidr) {
        String text = cidr.strip();
        int slash = text.indexOf('/');
        String host = slash < 0 ? text : text.substring(0, slash);
        if (!host.matches("[0-9a-fA-F:.]+")) {
            throw new IllegalArgumentException("not a CIDR network: " + cidr);
        }
        byte[] address;
        try {
            address = InetAddress.getByName(host).getAddress();
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("not a CIDR network: " + cidr);
        }
        int prefix;
        try {
            prefix = slash < 0 ? address.length * 8 : Integer.parseInt(text.substring(slash + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a CIDR prefix length: " + cidr);
        }
        if (prefix < 0 || prefix > address.length * 8) {
            throw new IllegalArgumentException("prefix length out of range: " + cidr);
        }
        return new NetworkRange(address, prefix);
    }

    /**
     * The block one client is counted by: an IPv4 address on its own, an IPv6 address with the
     * rest of its /64, because one subscriber line usually gets a whole /64 and could otherwise
     * take a new address for every attempt.
     */
    public static NetworkRange clientOf(InetAddress address) {
        return around(address, 32, 64);
    }

    /**
     * The block of {@code ipv4Prefix} bits around an IPv4 address, of {@code ipv6Prefix} bits around
     * an IPv6 one, host bits cleared: {@code around(192.0.2.77, 24, 64)} is {@code 192.0.2.0/24}.
     */
    public static NetworkRange around(InetAddress address, int ipv4Prefix, int ipv6Prefix) {
        int prefix = address instanceof Inet6Address ? ipv6Prefix : ipv4Prefix;
        return new NetworkRange(masked(address.getAddress(), prefix), prefix);
    }

    public boolean contains(InetAddress address) {
        byte[] candidate = address.getAddress();
        if (candidate.length != network.length) {
            return false;
        }
        int fullBytes = prefixLength / 8;
        for (int i = 0; i < fullBytes; i++) {
            if (candidate[i] != network[i]) {
                return false;
            }
        }
        int remainingBits = prefixLength % 8;
        if (remainingBits == 0) {
            return true;
        }
        int mask = 0xFF << (8 - remainingBits);
        return (candidate[fullBytes] & mask) == (network[fullBytes] & mask);
    }

    /** The block in CIDR notation, host bits cleared: {@code 192.0.2.0/24}, {@code 2001:db8:0:0:0:0:0:0/32}. */
    public String cidr() {
        byte[] masked = masked(network, prefixLength);
        try {
            return InetAddress.getByAddress(masked).getHostAddress() + "/" + prefixLength;
        } catch (UnknownHostException e) {
            throw new IllegalStateException("an address of " + masked.length + " bytes", e);
        }
    }

    /** A copy of {@code address} with every bit after the first {@code prefixLength} cleared. */
    private static byte[] masked(byte[] address, int prefixLength) {
        byte[] masked = address.clone();
        for (int bit = prefixLength; bit < masked.length * 8; bit++) {
            masked[bit / 8] &= (byte) ~(0x80 >>> (bit % 8));
        }
        return masked;
    }
}
