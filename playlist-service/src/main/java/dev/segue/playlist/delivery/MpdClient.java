package dev.segue.playlist.delivery;

import jakarta.enterprise.context.ApplicationScoped;
import dev.segue.commons.problem.ProblemException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;

/**
 * MPD over its text protocol ({@code url} = {@code mpd://host:port}); paths are relative to MPD's
 * {@code music_directory}, so the target's path mapping maps Segue's library root to nothing
 * ({@code /music=}). The remote id is the stored playlist's name. Replace is {@code playlistclear} plus
 * {@code playlistadd} in one command list (MPD 0.23, Debian's, has no {@code save} replace mode).
 */
@ApplicationScoped
class MpdClient implements TargetClient {

    private static final int CONNECT_TIMEOUT_MS = 2_000;
    private static final int READ_TIMEOUT_MS = 20_000;

    @Override
    public Kind kind() {
        return Kind.MPD;
    }

    @Override
    @Retry(maxRetries = 2, delay = 200, abortOn = ProblemException.class)
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5, delay = 5_000, skipOn = ProblemException.class)
    public void probe(Target target, String secret) {
        try (Session s = open(target, secret)) {
            // ping needs no permission; stats needs the read permission a password may be required for
            s.command("stats");
        }
    }

    @Override
    @Retry(maxRetries = 2, delay = 200, abortOn = ProblemException.class)
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5, delay = 5_000, skipOn = ProblemException.class)
    public List<RemoteTrack> catalogue(Target target, String secret) {
        try (Session s = open(target, secret)) {
            List<RemoteTrack> out = new ArrayList<>();
            String file = null;
            String artist = null;
            String title = null;
            String mbid = null;
            Integer seconds = null;
            for (String line : s.command("listallinfo")) {
                int colon = line.indexOf(": ");
                if (colon < 0) {
                    continue;
                }
                String key = line.substring(0, colon);
                String value = line.substring(colon + 2);
                if (key.equals("file") || key.equals("directory") || key.equals("playlist")) {
                    if (file != null) {
                        out.add(new RemoteTrack(file, file, mbid, artist, title, seconds));
                    }
                    file = key.equals("file") ? value : null;
                    artist = title = mbid = null;
                    seconds = null;
                } else if (key.equals("Artist")) {
                    artist = value;
                } else if (key.equals("Title")) {
                    title = value;
                } else if (key.equals("MUSICBRAINZ_TRACKID")) {
                    mbid = value;
                } else if (key.equals("duration")) {
                    seconds = (int) Math.round(Double.parseDouble(value));
                } else if (key.equals("Time") && seconds == null) {
                    seconds = Integer.parseInt(value);
                }
            }
            if (file != null) {
                out.add(new RemoteTrack(file, file, mbid, artist, title, seconds));
            }
            return out;
        }
    }

    @Override
    @Retry(maxRetries = 2, delay = 200, abortOn = ProblemException.class)
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5, delay = 5_000, skipOn = ProblemException.class)
    public boolean exists(Target target, String secret, String remoteId) {
        try (Session s = open(target, secret)) {
            return playlists(s).contains(remoteId);
        }
    }

    @Override
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5, delay = 5_000, skipOn = ProblemException.class)
    public String create(Target target, String secret, String name, List<String> ids) {
        try (Session s = open(target, secret)) {
            List<String> existing = playlists(s);
            String base = name.replaceAll("[/\\p{Cntrl}]", "_").strip();
            String remote = base;
            for (int n = 2; existing.contains(remote); n++) {
                remote = base + " (" + n + ")";
            }
            try {
                fill(s, remote, ids, false);
            } catch (RuntimeException e) {
                // playlistadd creates the playlist with its first track: take away what was added
                s.commandQuietly("rm " + quote(remote));
                throw e;
            }
            return remote;
        }
    }

    @Override
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5, delay = 5_000, skipOn = ProblemException.class)
    public void replace(Target target, String secret, String remoteId, String name, List<String> ids) {
        try (Session s = open(target, secret)) {
            fill(s, remoteId, ids, true);
        }
    }

    private static void fill(Session s, String playlist, List<String> ids, boolean clear) {
        StringBuilder list = new StringBuilder("command_list_begin\n");
        if (clear) {
            list.append("playlistclear ").append(quote(playlist)).append('\n');
        }
        for (String id : ids) {
            list.append("playlistadd ").append(quote(playlist)).append(' ').append(quote(id)).append('\n');
        }
        list.append("command_list_end");
        s.command(list.toString());
    }

    private static List<String> playlists(Session s) {
        return s.command("listplaylists").stream().filter(l -> l.startsWith("playlist: ")).map(l -> l.substring(10)).toList();
    }

    static String quote(String s) {
        return '"' + s.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }

    private Session open(Target target, String secret) {
        URI uri = URI.create(target.url());
        String host = uri.getHost() == null ? "localhost" : uri.getHost();
        int port = uri.getPort() < 0 ? 6600 : uri.getPort();
        Socket socket = new Socket();
        try {
            socket.connect(new InetSocketAddress(host, port), CONNECT_TIMEOUT_MS);
            socket.setSoTimeout(READ_TIMEOUT_MS);
            Session s = new Session(target, socket);
            String greeting = s.in.readLine();
            if (greeting == null || !greeting.startsWith("OK MPD ")) {
                s.close();
                throw new RemoteFailure("it did not greet as MPD does (" + (greeting == null ? "connection closed" : "a non-MPD answer")
                        + ")");
            }
            if (secret != null && !secret.isEmpty()) {
                try {
                    s.command("password " + quote(secret));
                } catch (RemoteAck e) {
                    s.close();
                    throw Refused.credentials(target, "MPD rejected the password");
                }
            }
            return s;
        } catch (IOException e) {
            closeQuietly(socket);
            throw new RemoteFailure("cannot reach " + host + ":" + port + " (" + e.getMessage() + ")", e);
        }
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing a socket that never connected
        }
    }

    /** An {@code ACK} line: MPD refused a command. */
    static final class RemoteAck extends RuntimeException {
        RemoteAck(String line) {
            super(line);
        }
    }

    private static final class Session implements AutoCloseable {
        private final Target target;
        private final Socket socket;
        private final BufferedReader in;
        private final OutputStream out;

        Session(Target target, Socket socket) throws IOException {
            this.target = target;
            this.socket = socket;
            this.in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            this.out = socket.getOutputStream();
        }

        List<String> command(String command) {
            try {
                out.write((command + "\n").getBytes(StandardCharsets.UTF_8));
                out.flush();
                List<String> lines = new ArrayList<>();
                for (String line = in.readLine(); ; line = in.readLine()) {
                    if (line == null) {
                        throw new RemoteFailure("MPD closed the connection in the middle of an answer");
                    }
                    if (line.equals("OK")) {
                        return lines;
                    }
                    if (line.startsWith("ACK ")) {
                        throw ack(line, command);
                    }
                    lines.add(line);
                }
            } catch (IOException e) {
                throw new RemoteFailure("MPD did not answer (" + e.getMessage() + ")", e);
            }
        }

        void commandQuietly(String command) {
            try {
                command(command);
            } catch (RuntimeException ignored) {
                // cleaning up after a failure: the first failure is the one reported
            }
        }

        private RuntimeException ack(String line, String command) {
            // ACK [error@command_listNum] {current_command} message_text
            int end = line.indexOf(']');
            int code = -1;
            try {
                code = Integer.parseInt(line.substring(line.indexOf('[') + 1, line.indexOf('@')));
            } catch (RuntimeException unparsable) {
                // keep -1: the message still says what happened
            }
            String message = end < 0 ? line : line.substring(end + 1).strip();
            if (command.startsWith("password")) {
                return new RemoteAck(message);
            }
            if (code == 4) {
                return Refused.credentials(target, "MPD needs a password for this (" + message + ")");
            }
            return Refused.answer(target, "MPD answered " + message);
        }

        @Override
        public void close() {
            try {
                out.write("close\n".getBytes(StandardCharsets.UTF_8));
                out.flush();
            } catch (IOException ignored) {
                // the server is gone already
            }
            closeQuietly(socket);
        }
    }
}
