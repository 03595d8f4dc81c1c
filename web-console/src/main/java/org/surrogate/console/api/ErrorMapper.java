package org.surrogate.console.api;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.NoSuchElementException;
import java.util.TreeSet;
import org.eclipse.jetty.http.HttpException;
import org.surrogate.api.param.InvalidParamsException;
import org.surrogate.framework.bundles.BundleRejectedException;

/**
 * Turns every exception of a resource into a JSON {@link ErrorBody} with a status that says whose
 * fault it is: bad input (a rejected bundle, a bad argument, invalid parameters, malformed JSON) is
 * 400, something that does not exist 404, a request that conflicts with the current state 409, a body
 * past the limit 413, and anything else 500, logged with its stack trace since it is a bug or an
 * outage. No answer carries a stack trace: only the message.
 */
@Provider
public final class ErrorMapper implements ExceptionMapper<Throwable> {

    private static final System.Logger LOG = System.getLogger(ErrorMapper.class.getName());

    @Context
    private UriInfo uriInfo;

    @Context
    private Request request;

    @Override
    public Response toResponse(Throwable e) {
        for (Throwable c = e; c != null; c = c.getCause()) {
            if (c instanceof BodyLimitFilter.BodyTooLargeException tooLarge) {
                return json(413, ErrorBody.of(tooLarge.getMessage()));
            }
        }
        if (e instanceof WebApplicationException wae) {
            return fromWebApplicationException(wae);
        }
        if (e instanceof InvalidParamsException ipe) {
            return json(Response.Status.BAD_REQUEST, new ErrorBody(ipe.getMessage(), ipe.problems()));
        }
        if (e instanceof BundleRejectedException || e instanceof IllegalArgumentException
                || e instanceof org.surrogate.repository.InvalidQueryException) {
            return json(Response.Status.BAD_REQUEST, ErrorBody.of(messageOf(e)));
        }
        if (e instanceof NoSuchElementException) {
            return json(Response.Status.NOT_FOUND, ErrorBody.of(messageOf(e)));
        }
        if (e instanceof IllegalStateException) {
            return json(Response.Status.CONFLICT, ErrorBody.of(messageOf(e)));
        }
        for (Throwable c = e; c != null; c = c.getCause()) {
            if (c instanceof JsonProcessingException jpe) {
                return json(Response.Status.BAD_REQUEST, ErrorBody.of(describe(jpe)));
            }
            if (c instanceof HttpException he && he.getCode() >= 400 && he.getCode() < 500) {
                // Jetty refuses a body past the upload limit while Jersey reads it.
                return json(he.getCode(), ErrorBody.of("request refused: "
                        + (he.getReason() == null ? "HTTP " + he.getCode() : he.getReason())));
            }
        }
        LOG.log(System.Logger.Level.ERROR, "request " + describeRequest() + " failed", e);
        return json(Response.Status.INTERNAL_SERVER_ERROR, ErrorBody.of(messageOf(e)));
    }

    private Response fromWebApplicationException(WebApplicationException e) {
        Response r = e.getResponse();
        int status = r.getStatus();
        String message = e.getMessage() == null ? "HTTP " + status : e.getMessage();
        if (e.getCause() instanceof JsonProcessingException jpe) {
            message = describe(jpe);
        } else if (status == 404 || status == 405 || status == 406 || status == 415) {
            message = message + ": " + describeRequest();
        }
        if (status >= 500) {
            LOG.log(System.Logger.Level.ERROR, "request " + describeRequest() + " failed", e);
        }
        Response.ResponseBuilder b = Response.status(status).type(MediaType.APPLICATION_JSON_TYPE)
                .entity(ErrorBody.of(message));
        // Keep what the client needs to retry right, such as the Allow header of a 405.
        r.getHeaders().forEach((name, values) -> {
            if (!name.equalsIgnoreCase("Content-Type") && !name.equalsIgnoreCase("Content-Length")) {
                values.forEach(v -> b.header(name, v));
            }
        });
        return b.build();
    }

    private String describeRequest() {
        String method = request == null ? "?" : request.getMethod();
        String path = uriInfo == null ? "?" : uriInfo.getRequestUri().getRawPath();
        return method + " " + path;
    }

    /** Describes malformed JSON by where it is wrong, not by Jackson's class names. */
    static String describe(JsonProcessingException e) {
        if (e instanceof UnrecognizedPropertyException upe) {
            TreeSet<String> known = new TreeSet<>();
            if (upe.getKnownPropertyIds() != null) {
                upe.getKnownPropertyIds().forEach(k -> known.add(String.valueOf(k)));
            }
            return "request body: unknown field '" + pathOf(upe) + "'; accepted: " + String.join(", ", known);
        }
        if (e instanceof ValueInstantiationException vie && vie.getCause() != null) {
            return "request body: " + messageOf(vie.getCause());
        }
        if (e instanceof JsonMappingException jme && !jme.getPath().isEmpty()) {
            return "request body, field " + pathOf(jme) + ": " + jme.getOriginalMessage();
        }
        JsonLocation at = e.getLocation();
        return "request body is not valid JSON: " + e.getOriginalMessage()
                + (at == null ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")");
    }

    private static String pathOf(JsonMappingException e) {
        StringBuilder sb = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                sb.append(sb.length() == 0 ? "" : ".").append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                sb.append('[').append(ref.getIndex()).append(']');
            }
        }
        return sb.toString();
    }

    private static String messageOf(Throwable e) {
        return e.getMessage() == null || e.getMessage().isBlank() ? e.toString() : e.getMessage();
    }

    private static Response json(Response.Status status, ErrorBody body) {
        return json(status.getStatusCode(), body);
    }

    private static Response json(int status, ErrorBody body) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(body).build();
    }
}
