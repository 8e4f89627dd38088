package org.onus.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.Map;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Errors that Jetty answers itself, before a request reaches Onus's routes (a header too large,
 * a URI that cannot be parsed, a request the HTTP parser rejects), as RFC 9457 problems too, so
 * that a client sees one error format whatever failed.
 */
final class ProblemErrorHandler extends ErrorHandler {

    @Override
    protected void generateResponse(Request request, Response response, int code, String message, Throwable cause,
                                    Callback callback) {
        byte[] body = problem(code, message, request.getHttpURI() == null ? null : request.getHttpURI().getPath());
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, Problem.MEDIA_TYPE);
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
        response.write(true, ByteBuffer.wrap(body), callback);
    }

    @Override
    public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
        fields.put(new HttpField(HttpHeader.CONTENT_TYPE, Problem.MEDIA_TYPE));
        return ByteBuffer.wrap(problem(status, reason, null));
    }

    private static byte[] problem(int status, String message, String path) {
        Map<String, Object> body = new LinkedHashMap<>();
        String reason = HttpStatus.getMessage(status);
        body.put("type", Problem.TYPE_BASE + "http-" + status);
        body.put("title", reason == null ? "HTTP error" : reason);
        body.put("status", status);
        body.put("detail", detail(status, message));
        if (path != null) {
            body.put("instance", path);
        }
        try {
            return Json.MAPPER.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String detail(int status, String message) {
        String what = message == null || message.isBlank() ? HttpStatus.getMessage(status) : message;
        if (status == 431) {
            return "the request's headers are too large (" + what + "); send fewer or shorter headers";
        }
        if (status == 414) {
            return "the request URI is too long (" + what + ")";
        }
        return "the HTTP request was rejected before it reached Onus: " + what;
    }
}
