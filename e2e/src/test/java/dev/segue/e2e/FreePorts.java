package dev.segue.e2e;

import java.io.IOException;
import java.net.ServerSocket;

/** Ports for a test stack, so it never collides with a running Segue or another test run. */
final class FreePorts {

    private FreePorts() {
    }

    static int one() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** A port p such that p..p+3 are free now (the four services take consecutive ports). */
    static int blockOfFour() throws IOException {
        for (int attempt = 0; attempt < 50; attempt++) {
            int first = one();
            if (first > 65530) {
                continue;
            }
            boolean free = true;
            for (int i = 1; i < 4 && free; i++) {
                try (ServerSocket ignored = new ServerSocket(first + i)) {
                    free = true;
                } catch (IOException taken) {
                    free = false;
                }
            }
            if (free) {
                return first;
            }
        }
        throw new IOException("no block of four free ports");
    }
}
