package org.vnemr.emr.login;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

/**
 * Mạng nội bộ của cơ sở: the address ranges counted as "inside the facility". From outside them a second factor
 * (TOTP) is mandatory for everyone (TCVN 14423 level 3). Set with {@code vnemr.security.facility-networks}
 * (comma-separated CIDR); the default is loopback and the private ranges.
 */
public final class FacilityNetwork {

    public static final String DEFAULT = "127.0.0.0/8,::1/128,10.0.0.0/8,172.16.0.0/12,192.168.0.0/16";

    private record Range(BigInteger network, BigInteger mask, int length) {
    }

    private final List<Range> ranges = new ArrayList<>();

    public FacilityNetwork(String cidrList) {
        for (String cidr : cidrList.split(",")) {
            String trimmed = cidr.strip();
            if (trimmed.isEmpty()) {
                continue;
            }
            int slash = trimmed.indexOf('/');
            try {
                byte[] address = InetAddress.getByName(slash < 0 ? trimmed : trimmed.substring(0, slash)).getAddress();
                int bits = address.length * 8;
                int prefix = slash < 0 ? bits : Integer.parseInt(trimmed.substring(slash + 1));
                BigInteger mask = BigInteger.ONE.shiftLeft(bits).subtract(BigInteger.ONE)
                        .xor(BigInteger.ONE.shiftLeft(bits - prefix).subtract(BigInteger.ONE));
                ranges.add(new Range(new BigInteger(1, address).and(mask), mask, address.length));
            } catch (UnknownHostException | NumberFormatException | ArithmeticException e) {
                throw new IllegalArgumentException("vnemr.security.facility-networks: not a CIDR range: " + trimmed, e);
            }
        }
    }

    /** True when the address (a literal IP, as the servlet container gives it) lies in one of the ranges. */
    public boolean contains(String address) {
        if (address == null || address.isBlank() || !address.matches("[0-9a-fA-F:.%]+")) {
            return false;
        }
        try {
            byte[] bytes = InetAddress.getByName(address.replaceAll("%.*$", "")).getAddress();
            BigInteger value = new BigInteger(1, bytes);
            for (Range range : ranges) {
                if (range.length() == bytes.length && value.and(range.mask()).equals(range.network())) {
                    return true;
                }
            }
            return false;
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
