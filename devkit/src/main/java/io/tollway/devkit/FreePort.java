package io.tollway.devkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** A TCP port on 127.0.0.1 that nothing listens on at the moment of asking. */
public final class FreePort {

    private FreePort() {
    }

    public static int find() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port on 127.0.0.1", e);
        }
    }

    /**
     * {@code count} different free ports, none of them in {@code taken}. Each port is free when it is
     * asked for, but the system may hand out the same one twice in a row once it was let go; a
     * server given two equal ports refuses to start.
     */
    public static List<Integer> distinct(int count, Collection<Integer> taken) {
        Set<Integer> ports = new LinkedHashSet<>();
        for (int attempt = 0; ports.size() < count; attempt++) {
            if (attempt > 100 * count) {
                throw new IllegalStateException("could not find " + count + " different free ports on 127.0.0.1");
            }
            int port = find();
            if (!taken.contains(port)) {
                ports.add(port);
            }
        }
        return List.copyOf(ports);
    }
}
