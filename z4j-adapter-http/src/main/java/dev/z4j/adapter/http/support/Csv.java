package dev.z4j.adapter.http.support;

import java.util.List;

/**
 * RFC 4180 lines for the exports. Values are written as they are, never altered against spreadsheet formula
 * injection: exports are data (an audit export must stay byte-faithful to be checked against the chain, and a task
 * id or argument beginning with {@code -} or {@code =} must survive a round trip); open them as data, not as a sheet.
 */
public final class Csv {

    private Csv() {
    }

    /** One line ending CRLF; a field is quoted when it holds a comma, quote or line break. */
    public static String line(List<String> fields) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) {
                line.append(',');
            }
            String text = fields.get(i);
            boolean quote = text.indexOf(',') >= 0 || text.indexOf('"') >= 0 || text.indexOf('\n') >= 0
                    || text.indexOf('\r') >= 0;
            line.append(quote ? "\"" + text.replace("\"", "\"\"") + "\"" : text);
        }
        return line.append("\r\n").toString();
    }
}
