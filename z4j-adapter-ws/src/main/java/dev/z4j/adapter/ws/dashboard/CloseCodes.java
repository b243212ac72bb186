package dev.z4j.adapter.ws.dashboard;

/** {@code /ws/dashboard}'s close codes: upstream's, plus one for a page that does not read. */
final class CloseCodes {

    /** Malformed message, or no subscription in time. */
    static final int BAD_REQUEST = 4400;
    /** No live session (or it ended). */
    static final int UNAUTHENTICATED = 4401;
    /** Too many sockets for this user. */
    static final int TOO_MANY = 4402;
    /** Wrong Origin, or not (or no longer) a member of the project. */
    static final int FORBIDDEN = 4403;
    /** Its frames pile up unread: dropped so it never holds memory or slows anyone. */
    static final int TOO_SLOW = 4408;
    static final int SERVER_ERROR = 1011;
    static final int GOING_AWAY = 1001;

    private CloseCodes() {
    }
}
