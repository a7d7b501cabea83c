package io.canopy.deploy.terraform;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.canopy.deploy.hcl.Ast;
import io.canopy.deploy.hcl.Pos;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.representer.Representer;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.resolver.Resolver;
import org.yaml.snakeyaml.nodes.Tag;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Terraform's built-in functions that the Canopy configuration uses (and a few neighbours). A call to any other
 * function fails the evaluation naming it, so the checks never silently skip an expression.
 */
final class Functions {

    /** Functions that look inside collections themselves and cope with unknown elements. */
    private static final Set<String> STRUCTURAL = Set.of("concat", "merge", "flatten", "length", "keys", "values",
            "lookup", "tolist", "toset", "tomap", "coalesce", "coalescelist", "one", "element", "try", "can", "compact",
            "contains", "slice", "distinct", "reverse", "zipmap", "jsonencode");

    private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.USE_BIG_INTEGER_FOR_INTS);

    private Functions() {
    }

    static Object call(Evaluator scope, Ast.Call c) {
        String name = c.name();
        Pos pos = c.pos();
        if (name.equals("try")) {
            EvalException last = null;
            for (Ast.Expr arg : c.args()) {
                try {
                    return scope.eval(arg);
                } catch (ConfigurationException e) {
                    throw e;
                } catch (EvalException e) {
                    last = e;
                }
            }
            throw new EvalException(pos, "no argument of try() could be evaluated: " + (last == null ? "none given" : last.getMessage()));
        }
        if (name.equals("can")) {
            arity(c, 1);
            try {
                Object v = scope.eval(c.args().get(0));
                return v instanceof Unknown u ? u : Boolean.TRUE;
            } catch (ConfigurationException e) {
                throw e;
            } catch (EvalException e) {
                return Boolean.FALSE;
            }
        }
        List<Object> args = new ArrayList<>();
        for (Ast.Expr arg : c.args()) {
            args.add(scope.eval(arg));
        }
        if (c.expandFinal() && !args.isEmpty()) {
            Object last = args.remove(args.size() - 1);
            if (last instanceof Unknown u) {
                return Unknown.derived(name + "(... unknown)", u.refs());
            }
            if (!(last instanceof List || last instanceof SetValue)) {
                throw new EvalException(pos, "only a list can be expanded with ..., not a " + Values.typeName(last));
            }
            args.addAll(Values.elements(last));
        }
        if (!STRUCTURAL.contains(name) && args.stream().anyMatch(Values::containsUnknown)) {
            return Unknown.derived(name + "(...)", Values.refs(args));
        }
        try {
            return apply(scope, name, args, pos);
        } catch (IllegalArgumentException | ArithmeticException e) {
            throw new EvalException(pos, name + "(): " + e.getMessage());
        }
    }

    private static void arity(Ast.Call c, int n) {
        if (c.args().size() != n) {
            throw new EvalException(c.pos(), c.name() + "() takes " + n + " argument(s)");
        }
    }

    private static void arity(String name, List<Object> args, int min, int max) {
        if (args.size() < min || args.size() > max) {
            throw new IllegalArgumentException("takes " + (min == max ? min : min + " to " + max) + " argument(s), got " + args.size());
        }
    }

    private static String str(Object v) {
        if (v == null) {
            throw new IllegalArgumentException("a string is required, not null");
        }
        if (Values.isCollection(v)) {
            throw new IllegalArgumentException("a string is required, not a " + Values.typeName(v));
        }
        return Values.asString(v);
    }

    private static List<Object> list(Object v) {
        if (v instanceof List || v instanceof SetValue) {
            return Values.elements(v);
        }
        throw new IllegalArgumentException("a list is required, not a " + Values.typeName(v));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object v) {
        if (v instanceof Map<?, ?> m) {
            return (Map<String, Object>) m;
        }
        throw new IllegalArgumentException("a map or object is required, not a " + Values.typeName(v));
    }

    private static Object apply(Evaluator scope, String name, List<Object> a, Pos pos) {
        switch (name) {
            // --- collections
            case "length": {
                arity(name, a, 1, 1);
                Object v = a.get(0);
                if (v instanceof String s) {
                    return Values.number(s.codePointCount(0, s.length()));
                }
                if (v instanceof Unknown u) {
                    return u;
                }
                if (v instanceof Map<?, ?> m) {
                    return Values.number(m.size());
                }
                return Values.number(list(v).size());
            }
            case "concat": {
                List<Object> out = new ArrayList<>();
                for (Object v : a) {
                    if (v instanceof Unknown u) {
                        return Unknown.derived("concat(...)", Values.refs(a));
                    }
                    out.addAll(list(v));
                }
                return out;
            }
            case "merge": {
                Map<String, Object> out = new TreeMap<>();
                for (Object v : a) {
                    if (v == null) {
                        continue;
                    }
                    if (v instanceof Unknown) {
                        return Unknown.derived("merge(...)", Values.refs(a));
                    }
                    out.putAll(map(v));
                }
                return out;
            }
            case "flatten": {
                arity(name, a, 1, 1);
                List<Object> out = new ArrayList<>();
                flatten(list(a.get(0)), out);
                return out;
            }
            case "keys": {
                arity(name, a, 1, 1);
                if (a.get(0) instanceof Unknown u) {
                    return u;
                }
                return new ArrayList<Object>(map(a.get(0)).keySet());
            }
            case "values": {
                arity(name, a, 1, 1);
                if (a.get(0) instanceof Unknown u) {
                    return u;
                }
                return new ArrayList<>(map(a.get(0)).values());
            }
            case "lookup": {
                arity(name, a, 2, 3);
                if (a.get(0) instanceof Unknown u) {
                    return u;
                }
                Map<String, Object> m = map(a.get(0));
                String key = str(a.get(1));
                if (m.containsKey(key)) {
                    return m.get(key);
                }
                if (a.size() == 3) {
                    return a.get(2);
                }
                throw new IllegalArgumentException("no key \"" + key + "\" and no default");
            }
            case "contains": {
                arity(name, a, 2, 2);
                if (a.get(0) instanceof Unknown || a.get(1) instanceof Unknown) {
                    return Unknown.derived("contains(...)", Values.refs(a));
                }
                List<Object> l = list(a.get(0));
                for (Object e : l) {
                    if (Values.equal(e, a.get(1))) {
                        return true;
                    }
                }
                if (l.stream().anyMatch(Values::containsUnknown)) {
                    return Unknown.derived("contains(...)", Values.refs(a));
                }
                return false;
            }
            case "one": {
                arity(name, a, 1, 1);
                if (a.get(0) instanceof Unknown u) {
                    return u;
                }
                List<Object> l = list(a.get(0));
                if (l.size() > 1) {
                    throw new IllegalArgumentException("must have no more than one element, has " + l.size());
                }
                return l.isEmpty() ? null : l.get(0);
            }
            case "element": {
                arity(name, a, 2, 2);
                if (a.get(0) instanceof Unknown u) {
                    return u;
                }
                List<Object> l = list(a.get(0));
                if (l.isEmpty()) {
                    throw new IllegalArgumentException("cannot use element() on an empty list");
                }
                return l.get(Evaluator.toNumber(a.get(1), pos).intValueExact() % l.size());
            }
            case "slice": {
                arity(name, a, 3, 3);
                List<Object> l = list(a.get(0));
                int from = Evaluator.toNumber(a.get(1), pos).intValueExact();
                int to = Evaluator.toNumber(a.get(2), pos).intValueExact();
                if (from < 0 || to > l.size() || from > to) {
                    throw new IllegalArgumentException("indexes out of range");
                }
                return new ArrayList<>(l.subList(from, to));
            }
            case "distinct": {
                arity(name, a, 1, 1);
                List<Object> out = new ArrayList<>();
                for (Object e : list(a.get(0))) {
                    if (out.stream().noneMatch(x -> Values.equal(x, e))) {
                        out.add(e);
                    }
                }
                return out;
            }
            case "reverse": {
                arity(name, a, 1, 1);
                List<Object> out = new ArrayList<>(list(a.get(0)));
                java.util.Collections.reverse(out);
                return out;
            }
            case "sort": {
                arity(name, a, 1, 1);
                List<String> out = new ArrayList<>();
                for (Object e : list(a.get(0))) {
                    out.add(str(e));
                }
                out.sort(null);
                return new ArrayList<Object>(out);
            }
            case "compact": {
                arity(name, a, 1, 1);
                List<Object> out = new ArrayList<>();
                for (Object e : list(a.get(0))) {
                    if (e != null && !"".equals(e)) {
                        out.add(e);
                    }
                }
                return out;
            }
            case "range": {
                arity(name, a, 1, 3);
                int start = 0;
                int step = 1;
                int end;
                if (a.size() == 1) {
                    end = Evaluator.toNumber(a.get(0), pos).intValueExact();
                } else {
                    start = Evaluator.toNumber(a.get(0), pos).intValueExact();
                    end = Evaluator.toNumber(a.get(1), pos).intValueExact();
                    if (a.size() == 3) {
                        step = Evaluator.toNumber(a.get(2), pos).intValueExact();
                    }
                }
                List<Object> out = new ArrayList<>();
                for (int i = start; step > 0 ? i < end : i > end; i += step) {
                    out.add(Values.number(i));
                }
                return out;
            }
            case "zipmap": {
                arity(name, a, 2, 2);
                List<Object> keys = list(a.get(0));
                List<Object> values = list(a.get(1));
                if (keys.size() != values.size()) {
                    throw new IllegalArgumentException("keys and values differ in length");
                }
                Map<String, Object> out = new TreeMap<>();
                for (int i = 0; i < keys.size(); i++) {
                    out.put(str(keys.get(i)), values.get(i));
                }
                return out;
            }
            case "alltrue":
            case "anytrue": {
                arity(name, a, 1, 1);
                boolean all = true;
                boolean any = false;
                for (Object e : list(a.get(0))) {
                    boolean b = Boolean.TRUE.equals(e) || "true".equals(e);
                    all &= b;
                    any |= b;
                }
                return name.equals("alltrue") ? all : any;
            }
            case "coalesce": {
                for (Object v : a) {
                    if (v instanceof Unknown u) {
                        return u;
                    }
                    if (v != null && !"".equals(v)) {
                        return v;
                    }
                }
                throw new IllegalArgumentException("no non-null, non-empty argument");
            }
            case "coalescelist": {
                for (Object v : a) {
                    if (v instanceof Unknown u) {
                        return u;
                    }
                    if (v != null && !list(v).isEmpty()) {
                        return v;
                    }
                }
                throw new IllegalArgumentException("no non-empty list");
            }
            case "tolist": {
                arity(name, a, 1, 1);
                if (a.get(0) == null || a.get(0) instanceof Unknown) {
                    return a.get(0);
                }
                return list(a.get(0));
            }
            case "toset": {
                arity(name, a, 1, 1);
                if (a.get(0) == null || a.get(0) instanceof Unknown) {
                    return a.get(0);
                }
                return toSet(list(a.get(0)));
            }
            case "tomap": {
                arity(name, a, 1, 1);
                if (a.get(0) == null || a.get(0) instanceof Unknown) {
                    return a.get(0);
                }
                return new TreeMap<>(map(a.get(0)));
            }
            case "tostring":
                arity(name, a, 1, 1);
                return a.get(0) == null ? null : str(a.get(0));
            case "tonumber":
                arity(name, a, 1, 1);
                return a.get(0) == null ? null : Evaluator.toNumber(a.get(0), pos);
            case "tobool":
                arity(name, a, 1, 1);
                if (a.get(0) == null || a.get(0) instanceof Boolean) {
                    return a.get(0);
                }
                if ("true".equals(a.get(0)) || "false".equals(a.get(0))) {
                    return Boolean.valueOf((String) a.get(0));
                }
                throw new IllegalArgumentException("not a bool: " + Values.show(a.get(0)));
            case "max":
            case "min": {
                if (a.isEmpty()) {
                    throw new IllegalArgumentException("needs at least one number");
                }
                BigDecimal best = Evaluator.toNumber(a.get(0), pos);
                for (Object v : a) {
                    BigDecimal n = Evaluator.toNumber(v, pos);
                    best = name.equals("max") ? best.max(n) : best.min(n);
                }
                return best;
            }
            // --- strings
            case "lower":
                arity(name, a, 1, 1);
                return str(a.get(0)).toLowerCase(java.util.Locale.ROOT);
            case "upper":
                arity(name, a, 1, 1);
                return str(a.get(0)).toUpperCase(java.util.Locale.ROOT);
            case "trimspace":
                arity(name, a, 1, 1);
                return str(a.get(0)).strip();
            case "trimprefix": {
                arity(name, a, 2, 2);
                String s = str(a.get(0));
                String p = str(a.get(1));
                return s.startsWith(p) ? s.substring(p.length()) : s;
            }
            case "trimsuffix": {
                arity(name, a, 2, 2);
                String s = str(a.get(0));
                String p = str(a.get(1));
                return s.endsWith(p) ? s.substring(0, s.length() - p.length()) : s;
            }
            case "startswith":
                arity(name, a, 2, 2);
                return str(a.get(0)).startsWith(str(a.get(1)));
            case "endswith":
                arity(name, a, 2, 2);
                return str(a.get(0)).endsWith(str(a.get(1)));
            case "substr": {
                arity(name, a, 3, 3);
                String s = str(a.get(0));
                int offset = Evaluator.toNumber(a.get(1), pos).intValueExact();
                int length = Evaluator.toNumber(a.get(2), pos).intValueExact();
                int end = length < 0 ? s.length() : Math.min(s.length(), offset + length);
                return s.substring(offset, end);
            }
            case "join": {
                arity(name, a, 2, 2);
                String sep = str(a.get(0));
                List<String> parts = new ArrayList<>();
                for (Object e : list(a.get(1))) {
                    parts.add(str(e));
                }
                return String.join(sep, parts);
            }
            case "split": {
                arity(name, a, 2, 2);
                String sep = str(a.get(0));
                String s = str(a.get(1));
                List<Object> out = new ArrayList<>();
                if (s.isEmpty()) {
                    out.add("");
                    return out;
                }
                for (String part : s.split(Pattern.quote(sep), -1)) {
                    out.add(part);
                }
                return out;
            }
            case "replace": {
                arity(name, a, 3, 3);
                String s = str(a.get(0));
                String search = str(a.get(1));
                String replacement = str(a.get(2));
                if (search.length() > 1 && search.startsWith("/") && search.endsWith("/")) {
                    // RE2 syntax; $1 / ${1} references as in Go's regexp.
                    Matcher m = Pattern.compile(search.substring(1, search.length() - 1)).matcher(s);
                    return m.replaceAll(replacement.replaceAll("\\$\\{(\\d+)}", "\\$$1"));
                }
                return s.replace(search, replacement);
            }
            case "format": {
                if (a.isEmpty()) {
                    throw new IllegalArgumentException("needs a format");
                }
                return format(str(a.get(0)), a.subList(1, a.size()));
            }
            case "regex": {
                arity(name, a, 2, 2);
                Matcher m = Pattern.compile(str(a.get(0))).matcher(str(a.get(1)));
                if (!m.find()) {
                    throw new IllegalArgumentException("pattern did not match");
                }
                if (m.groupCount() == 0) {
                    return m.group();
                }
                List<Object> groups = new ArrayList<>();
                for (int i = 1; i <= m.groupCount(); i++) {
                    groups.add(m.group(i));
                }
                return groups;
            }
            case "base64encode":
                arity(name, a, 1, 1);
                return Base64.getEncoder().encodeToString(str(a.get(0)).getBytes(StandardCharsets.UTF_8));
            case "sha256":
                arity(name, a, 1, 1);
                return hex(digest(str(a.get(0)).getBytes(StandardCharsets.UTF_8)));
            // --- encoding
            case "jsonencode":
                arity(name, a, 1, 1);
                if (Values.containsUnknown(a.get(0))) {
                    return Unknown.derived("jsonencode(...)", Values.refs(a));
                }
                return jsonEncode(a.get(0));
            case "jsondecode":
                arity(name, a, 1, 1);
                return jsonDecode(str(a.get(0)));
            case "yamldecode":
                arity(name, a, 1, 1);
                return yamlDecode(str(a.get(0)));
            // --- files and paths
            case "file":
                arity(name, a, 1, 1);
                return read(scope, str(a.get(0)));
            case "fileexists":
                arity(name, a, 1, 1);
                return Files.isRegularFile(resolve(scope, str(a.get(0))));
            case "filebase64sha256": {
                arity(name, a, 1, 1);
                try {
                    return Base64.getEncoder().encodeToString(digest(Files.readAllBytes(resolve(scope, str(a.get(0))))));
                } catch (IOException e) {
                    throw new IllegalArgumentException("cannot read " + a.get(0) + ": " + e.getMessage());
                }
            }
            case "abspath":
                arity(name, a, 1, 1);
                return resolve(scope, str(a.get(0))).toAbsolutePath().normalize().toString();
            case "dirname": {
                arity(name, a, 1, 1);
                Path parent = Path.of(str(a.get(0))).getParent();
                return parent == null ? "." : parent.toString();
            }
            case "basename":
                arity(name, a, 1, 1);
                return Path.of(str(a.get(0))).getFileName().toString();
            // --- network
            case "cidrsubnet":
                arity(name, a, 3, 3);
                return cidrSubnet(str(a.get(0)), Evaluator.toNumber(a.get(1), pos).intValueExact(),
                        Evaluator.toNumber(a.get(2), pos).intValueExact());
            default:
                throw new ConfigurationException(pos, "function " + name + "() is not implemented by the deployment checks' "
                        + "evaluator (deploy-checks/.../terraform/Functions.java): add it, or use another function");
        }
    }

    static SetValue toSet(List<Object> elements) {
        List<Object> out = new ArrayList<>();
        for (Object e : elements) {
            if (out.stream().noneMatch(x -> Values.equal(x, e))) {
                out.add(e);
            }
        }
        if (out.stream().allMatch(e -> e instanceof String)) {
            out.sort((x, y) -> ((String) x).compareTo((String) y));
        }
        return new SetValue(List.copyOf(out));
    }

    private static void flatten(List<Object> in, List<Object> out) {
        for (Object e : in) {
            if (e instanceof List || e instanceof SetValue) {
                flatten(Values.elements(e), out);
            } else {
                out.add(e);
            }
        }
    }

    private static Path resolve(Evaluator scope, String path) {
        Path p = Path.of(path);
        return p.isAbsolute() ? p : scope.module().rootDir().resolve(p).normalize();
    }

    private static String read(Evaluator scope, String path) {
        Path p = resolve(scope, path);
        try {
            return Files.readString(p, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalArgumentException("no file " + p + " (" + e.getClass().getSimpleName() + ")");
        }
    }

    private static byte[] digest(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String hex(byte[] bytes) {
        return java.util.HexFormat.of().formatHex(bytes);
    }

    private static String format(String spec, List<Object> args) {
        StringBuilder out = new StringBuilder();
        Iterator<Object> it = args.iterator();
        for (int i = 0; i < spec.length(); i++) {
            char c = spec.charAt(i);
            if (c != '%') {
                out.append(c);
                continue;
            }
            char verb = ++i < spec.length() ? spec.charAt(i) : '%';
            if (verb == '%') {
                out.append('%');
                continue;
            }
            if (!it.hasNext()) {
                throw new IllegalArgumentException("not enough arguments for the format");
            }
            Object v = it.next();
            switch (verb) {
                case 's', 'v', 'd' -> out.append(str(v));
                case 'q' -> out.append('"').append(str(v).replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
                default -> throw new IllegalArgumentException("format verb %" + verb + " is not supported here");
            }
        }
        return out.toString();
    }

    // --- JSON and YAML ------------------------------------------------------------------------------------------

    static String jsonEncode(Object v) {
        StringBuilder out = new StringBuilder();
        encode(v, out);
        return out.toString();
    }

    private static void encode(Object v, StringBuilder out) {
        if (v == null) {
            out.append("null");
        } else if (v instanceof Boolean || v instanceof BigDecimal) {
            out.append(Values.asString(v));
        } else if (v instanceof String s) {
            out.append('"');
            for (char c : s.toCharArray()) {
                switch (c) {
                    case '"' -> out.append("\\\"");
                    case '\\' -> out.append("\\\\");
                    case '\n' -> out.append("\\n");
                    case '\r' -> out.append("\\r");
                    case '\t' -> out.append("\\t");
                    case '<' -> out.append("\\u003c");
                    case '>' -> out.append("\\u003e");
                    case '&' -> out.append("\\u0026");
                    default -> {
                        if (c < 0x20) {
                            out.append(String.format("\\u%04x", (int) c));
                        } else {
                            out.append(c);
                        }
                    }
                }
            }
            out.append('"');
        } else if (v instanceof List || v instanceof SetValue) {
            out.append('[');
            String sep = "";
            for (Object e : Values.elements(v)) {
                out.append(sep);
                encode(e, out);
                sep = ",";
            }
            out.append(']');
        } else if (v instanceof Map<?, ?> m) {
            out.append('{');
            String sep = "";
            for (Map.Entry<?, ?> e : new TreeMap<>(m).entrySet()) {
                out.append(sep);
                encode(e.getKey(), out);
                out.append(':');
                encode(e.getValue(), out);
                sep = ",";
            }
            out.append('}');
        } else {
            throw new IllegalArgumentException("cannot encode a " + Values.typeName(v));
        }
    }

    static Object jsonDecode(String text) {
        try {
            return fromJson(JSON.readTree(text));
        } catch (IOException e) {
            throw new IllegalArgumentException("invalid JSON: " + e.getMessage());
        }
    }

    private static Object fromJson(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        } else if (node.isBoolean()) {
            return node.booleanValue();
        } else if (node.isNumber()) {
            return new BigDecimal(node.asText());
        } else if (node.isTextual()) {
            return node.textValue();
        } else if (node.isArray()) {
            List<Object> out = new ArrayList<>();
            node.forEach(e -> out.add(fromJson(e)));
            return out;
        }
        Map<String, Object> out = new TreeMap<>();
        node.fields().forEachRemaining(e -> out.put(e.getKey(), fromJson(e.getValue())));
        return out;
    }

    /** YAML 1.2 core schema, as Terraform's yamldecode: no yes/no booleans, no timestamps. */
    static Object yamlDecode(String text) {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        Yaml yaml = new Yaml(new SafeConstructor(options), new Representer(new DumperOptions()), new DumperOptions(),
                options, new CoreSchemaResolver());
        return fromYaml(yaml.load(text));
    }

    private static Object fromYaml(Object v) {
        if (v == null || v instanceof Boolean || v instanceof String) {
            return v;
        } else if (v instanceof Integer || v instanceof Long || v instanceof BigInteger) {
            return new BigDecimal(v.toString());
        } else if (v instanceof Double d) {
            return BigDecimal.valueOf(d);
        } else if (v instanceof List<?> l) {
            List<Object> out = new ArrayList<>();
            l.forEach(e -> out.add(fromYaml(e)));
            return out;
        } else if (v instanceof Map<?, ?> m) {
            Map<String, Object> out = new TreeMap<>();
            m.forEach((k, e) -> out.put(String.valueOf(k), fromYaml(e)));
            return out;
        } else if (v instanceof Date || v instanceof byte[]) {
            throw new IllegalArgumentException("unsupported YAML value " + v.getClass().getSimpleName());
        }
        return String.valueOf(v);
    }

    /** Resolves plain scalars like YAML 1.2's core schema. */
    private static final class CoreSchemaResolver extends Resolver {
        @Override
        protected void addImplicitResolvers() {
            addImplicitResolver(Tag.BOOL, Pattern.compile("^(?:true|True|TRUE|false|False|FALSE)$"), "tTfF");
            addImplicitResolver(Tag.INT, Pattern.compile("^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$"), "-+0123456789");
            addImplicitResolver(Tag.FLOAT, Pattern.compile(
                    "^(?:[-+]?(?:\\.[0-9]+|[0-9]+(?:\\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|[-+]?\\.(?:inf|Inf|INF)|\\.(?:nan|NaN|NAN))$"),
                    "-+0123456789.");
            addImplicitResolver(Tag.NULL, Pattern.compile("^(?:~|null|Null|NULL| )$"), "~nN\0");
            addImplicitResolver(Tag.NULL, Pattern.compile("^$"), null);
        }
    }

    // --- cidrsubnet ---------------------------------------------------------------------------------------------

    private static String cidrSubnet(String prefix, int newBits, int netNum) {
        String[] parts = prefix.split("/");
        try {
            InetAddress address = InetAddress.getByName(parts[0]);
            if (!(address instanceof Inet4Address)) {
                throw new IllegalArgumentException("only IPv4 prefixes are supported here");
            }
            int bits = Integer.parseInt(parts[1]);
            int newLength = bits + newBits;
            if (newLength > 32 || netNum >= (1 << newBits)) {
                throw new IllegalArgumentException("prefix extension does not fit");
            }
            long base = new BigInteger(1, address.getAddress()).longValue() & (0xFFFFFFFFL << (32 - bits));
            long net = base | ((long) netNum << (32 - newLength));
            return ((net >> 24) & 0xFF) + "." + ((net >> 16) & 0xFF) + "." + ((net >> 8) & 0xFF) + "." + (net & 0xFF)
                    + "/" + newLength;
        } catch (UnknownHostException | RuntimeException e) {
            throw new IllegalArgumentException("invalid CIDR " + prefix + ": " + e.getMessage());
        }
    }
}
