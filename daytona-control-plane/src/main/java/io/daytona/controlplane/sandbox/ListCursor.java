package io.daytona.controlplane.sandbox;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.daytona.http.ServiceException;
import java.io.IOException;
import java.util.Base64;

/**
 * The opaque {@code nextCursor} of {@code GET /api/sandbox}: the order of the list and the place
 * of the last sandbox returned, as URL-safe Base64 of a small JSON object. A cursor only continues
 * the list it came from: another sort or order is refused.
 */
final class ListCursor {
    /** What a cursor holds on the wire, before it is checked. */
    private record Token(String sort, String order, String key, String id) {}

    private ListCursor() {}

    static String encode(ObjectMapper json, SandboxListing.Sort sort, SandboxListing.Position position) {
        try {
            Token token = new Token(sort.field().wireName(), sort.direction().wireName(),
                    sort.field().format(position.key()), position.id());
            return Base64.getUrlEncoder().withoutPadding().encodeToString(json.writeValueAsBytes(token));
        } catch (IOException e) {
            throw new IllegalStateException("a cursor always serializes", e);
        }
    }

    static SandboxListing.Position decode(ObjectMapper json, String cursor, SandboxListing.Sort sort) {
        requireNonNull(cursor, "cursor is null");
        Token token;
        try {
            token = json.readValue(Base64.getUrlDecoder().decode(cursor), Token.class);
        } catch (IOException | IllegalArgumentException e) {
            throw invalid(cursor);
        }
        if (token == null || token.sort() == null || token.order() == null || token.key() == null || token.id() == null) {
            throw invalid(cursor);
        }
        if (!token.sort().equals(sort.field().wireName()) || !token.order().equals(sort.direction().wireName())) {
            throw ServiceException.badRequest("cursor continues a list sorted by %s %s, not %s %s; repeat that sort and order, "
                            + "or start again without a cursor", token.sort(), token.order(), sort.field().wireName(),
                    sort.direction().wireName());
        }
        try {
            return new SandboxListing.Position(SandboxListing.parseKey(sort.field(), token.key()), token.id());
        } catch (IllegalArgumentException e) {
            throw invalid(cursor);
        }
    }

    private static ServiceException invalid(String cursor) {
        return ServiceException.badRequest("cursor '%s' is invalid; pass the nextCursor of a previous page", cursor);
    }
}
