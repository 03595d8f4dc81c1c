package org.surrogate.api.param;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ParamSchemaTest {

    private final ParamSchema schema = ParamSchema.of(
            ParamSpec.intParam("factors").defaultValue(50).range(1, 10_000).help("latent factors").build(),
            ParamSpec.doubleParam("lr").defaultValue(0.01).range(1e-9, 10).build(),
            ParamSpec.booleanParam("bias").defaultValue(true).build(),
            ParamSpec.choiceParam("loss", "bpr", "warp").defaultValue("bpr").build(),
            ParamSpec.intListParam("ks").defaultValue(List.of(10, 20)).min(1).build(),
            ParamSpec.stringParam("path").required().build());

    @Test
    void fillsDefaultsAndCoercesTypes() {
        Params p = schema.validate(Map.of("factors", 64.0, "lr", "0.5", "path", "/x", "ks", List.of(5L)), "");
        assertEquals(64, p.getInt("factors"));
        assertEquals(0.5, p.getDouble("lr"));
        assertEquals(true, p.getBoolean("bias"));
        assertEquals("bpr", p.getString("loss"));
        assertEquals(List.of(5), p.getIntList("ks"));
        assertEquals("/x", p.getString("path"));
    }

    @Test
    void reportsEveryProblemWithItsPathAtOnce() {
        Map<String, Object> bad = new LinkedHashMap<>();
        bad.put("factors", -3);
        bad.put("lr", "fast");
        bad.put("loss", "hinge");
        bad.put("ks", List.of(10, 0));
        bad.put("epochs", 5);
        InvalidParamsException e = assertThrows(InvalidParamsException.class,
                () -> schema.validate(bad, "slots.recommenders[1].params"));
        assertEquals(List.of(
                "slots.recommenders[1].params.epochs: unknown parameter; accepted: factors, lr, bias, loss, ks, path",
                "slots.recommenders[1].params.factors: expected an integer in [1, 10000], found -3",
                "slots.recommenders[1].params.lr: expected a number in [1.0E-9, 10], found 'fast'",
                "slots.recommenders[1].params.loss: expected one of bpr, warp, found 'hinge'",
                "slots.recommenders[1].params.ks: expected a non-empty list of integers >= 1, found [10, 0]",
                "slots.recommenders[1].params.path: required, expected a string"), e.problems());
    }

    @Test
    void rejectsFractionalIntegersAndOverflow() {
        InvalidParamsException e = assertThrows(InvalidParamsException.class,
                () -> schema.validate(Map.of("factors", 2.5, "path", "p"), ""));
        assertEquals(List.of("factors: expected an integer in [1, 10000], found 2.5"), e.problems());
        ParamSchema s = ParamSchema.of(ParamSpec.intParam("n").build());
        assertEquals(List.of("n: expected an integer, found 3000000000"),
                assertThrows(InvalidParamsException.class, () -> s.validate(Map.of("n", 3_000_000_000L), ""))
                        .problems());
    }

    @Test
    void rejectsADefaultOutsideItsOwnRange() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ParamSpec.intParam("k").defaultValue(0).min(1).build());
        assertEquals("parameter 'k': default of k: expected an integer >= 1, found 0", e.getMessage());
    }

    @Test
    void openBoundsRefuseTheBoundItself() {
        ParamSchema s = ParamSchema.of(ParamSpec.doubleParam("f").openRange(0, 1).defaultValue(0.2).build(),
                ParamSpec.doubleParam("lr").greaterThan(0).defaultValue(0.1).build(),
                ParamSpec.doubleListParam("eps").defaultValue(List.of(1.0)).build());
        assertEquals(0.5, s.validate(Map.of("f", 0.5), "").getDouble("f"));
        assertEquals(List.of("eps: expected a non-empty list of numbers, found []",
                        "f: expected a number in (0, 1), found 1",
                        "lr: expected a number > 0, found 0"),
                assertThrows(InvalidParamsException.class,
                        () -> s.validate(new java.util.TreeMap<>(Map.of("f", 1, "lr", 0, "eps", List.of())), ""))
                                .problems().stream().sorted().toList());
    }

    @Test
    void rejectsDuplicateNames() {
        assertEquals("parameter 'a' is declared twice", assertThrows(IllegalArgumentException.class,
                () -> ParamSchema.of(ParamSpec.intParam("a").build(), ParamSpec.intParam("a").build())).getMessage());
    }
}
