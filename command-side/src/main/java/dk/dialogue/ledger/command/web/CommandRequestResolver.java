package dk.dialogue.ledger.command.web;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.core.MethodParameter;
import org.springframework.http.HttpHeaders;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;

/** Reads the command's context from the request: the principal, Idempotency-Key, X-Correlation-Id and If-Match. */
@Component
public class CommandRequestResolver implements HandlerMethodArgumentResolver {

    public static final String IDEMPOTENCY_KEY = "Idempotency-Key";
    public static final String CORRELATION_ID = "X-Correlation-Id";
    private static final Pattern TOKEN = Pattern.compile("[\\x21-\\x7E]{1,255}");
    private static final Pattern VERSION_TAG = Pattern.compile("(?:W/)?\"?([0-9]{1,18})\"?");

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return parameter.getParameterType() == CommandRequest.class;
    }

    @Override
    public CommandRequest resolveArgument(MethodParameter parameter, ModelAndViewContainer mav,
                                          NativeWebRequest request, WebDataBinderFactory binders) {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        return new CommandRequest(authentication.getName(),
                token(request, IDEMPOTENCY_KEY),
                token(request, CORRELATION_ID),
                expectedVersion(request.getHeader(HttpHeaders.IF_MATCH)));
    }

    private static String token(NativeWebRequest request, String header) {
        String value = request.getHeader(header);
        if (value != null && !TOKEN.matcher(value).matches()) {
            throw InvalidRequest.of(header, "must be 1 to 255 visible ASCII characters");
        }
        return value;
    }

    private static Long expectedVersion(String ifMatch) {
        if (ifMatch == null) {
            return null;
        }
        Matcher matcher = VERSION_TAG.matcher(ifMatch.trim());
        if (!matcher.matches()) {
            throw InvalidRequest.of(HttpHeaders.IF_MATCH, "must be a version ETag such as \"3\"");
        }
        return Long.parseLong(matcher.group(1));
    }
}
