package dev.z4j.adapter.jdbc.support;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.sql.SQLException;

/** Turns a failure to reach the database into one line an operator can act on, without credentials. */
public final class ConnectionFailures {

    private ConnectionFailures() {
    }

    public static String describe(Throwable failure, DatabaseUrl url) {
        String where = url.location();
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof UnknownHostException) {
                return "cannot resolve the PostgreSQL host of " + where + " (DNS lookup failed)";
            }
            if (t instanceof ConnectException) {
                return "connection refused by PostgreSQL at " + hostPort(where) + " (is the server running and listening?)";
            }
            if (t instanceof NoRouteToHostException) {
                return "no route to PostgreSQL at " + hostPort(where) + " (network or firewall)";
            }
            if (t instanceof SocketTimeoutException) {
                return "timed out connecting to PostgreSQL at " + hostPort(where);
            }
            if (t instanceof SQLException sql && sql.getSQLState() != null) {
                String state = sql.getSQLState();
                if (state.equals("28P01") || state.equals("28000")) {
                    return "PostgreSQL at " + hostPort(where) + " rejected the credentials of user '"
                            + url.user().orElse("") + "' (authentication failed)";
                }
                if (state.equals("3D000")) {
                    return "database " + where + " does not exist (create it, or fix Z4J_DATABASE_URL)";
                }
                if (state.equals("57P01") || state.equals("57P02")) {
                    return "PostgreSQL at " + hostPort(where) + " shut down (the server was stopped or restarted)";
                }
                if (state.equals("57P03")) {
                    return "PostgreSQL at " + hostPort(where) + " is starting up or shutting down";
                }
            }
        }
        if (url.dialect() == Dialect.SQLITE) {
            return "cannot open SQLite database " + where + ": " + rootMessage(failure);
        }
        return "cannot connect to PostgreSQL at " + where + ": " + rootMessage(failure);
    }

    /** Whether the failure means the database cannot be reached (rather than a bad statement). */
    public static boolean isConnectionFailure(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && sql.getSQLState() != null) {
                String state = sql.getSQLState();
                if (state.startsWith("08") || state.startsWith("28") || state.equals("3D000")
                        || state.startsWith("57P")) {
                    return true;
                }
            }
            if (t instanceof ConnectException || t instanceof UnknownHostException
                    || t instanceof NoRouteToHostException) {
                return true;
            }
        }
        return false;
    }

    private static String hostPort(String location) {
        int slash = location.indexOf('/');
        return slash < 0 ? location : location.substring(0, slash);
    }

    private static String rootMessage(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        return message.lines().findFirst().orElse(message);
    }
}
