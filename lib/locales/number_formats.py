"""Strings of the Number formats page and of lib.number_formats' errors and explanations."""

STRINGS = {
    # errors a learner can cause
    "number_formats.error.empty": {
        "en": "Type a number, e.g. 0.1, 2^-24 or inf.",
        "zh": "请输入一个数，例如 0.1、2^-24 或 inf。",
    },
    "number_formats.error.not_a_number": {
        "en": "“{text}” is not a number I can read. Try 0.1, -0, 1e-8, 2^-24, 1/3, 0x1p-24, inf or nan.",
        "zh": "无法识别“{text}”。可以试试 0.1、-0、1e-8、2^-24、1/3、0x1p-24、inf 或 nan。",
    },
    "number_formats.error.too_long": {
        "en": "That is too long (at most {limit} characters).",
        "zh": "输入过长（最多 {limit} 个字符）。",
    },
    "number_formats.error.huge_exponent": {
        "en": "The exponent is too large to work with (at most {limit} in size).",
        "zh": "指数太大，无法计算（绝对值最多 {limit}）。",
    },
    "number_formats.error.divide_by_zero": {"en": "Division by zero has no value.", "zh": "除以零没有值。"},
    "number_formats.error.fp64_overflow": {
        "en": "{text} overflows even FP64, whose largest number is {max}. Type inf if you mean infinity.",
        "zh": "{text} 连 FP64 都会溢出（FP64 最大为 {max}）。如果想要无穷大，请输入 inf。",
    },
    "number_formats.error.power_overflow": {
        "en": "That power is about {power}: far beyond FP64's largest number, {max}. Type inf if you mean infinity.",
        "zh": "这个幂约为 {power}，远超 FP64 的最大数 {max}。如果想要无穷大，请输入 inf。",
    },
    "number_formats.error.power_underflow": {
        "en": "That power is about {power}: far below FP64's smallest number, {min_sub}, so every format stores 0 "
        "(underflow). Try a smaller exponent, e.g. 2^-1074.",
        "zh": "这个幂约为 {power}，远小于 FP64 的最小数 {min_sub}，所有格式都存为 0（下溢）。"
        "请试试较小的指数，例如 2^-1074。",
    },
    "number_formats.error.power_cost": {
        "en": "That power would take about {digits} digits to compute exactly. Use a smaller exponent or fewer "
        "digits in the base.",
        "zh": "精确计算这个幂需要约 {digits} 位数字。请使用较小的指数，或减少底数的位数。",
    },
    "number_formats.error.fp64_underflow": {
        "en": "{text} is smaller than FP64's smallest number, {min_sub}: it would become 0 (underflow). "
        "Type a value FP64 can hold.",
        "zh": "{text} 小于 FP64 的最小数 {min_sub}，会变成 0（下溢）。请输入 FP64 能表示的数。",
    },
    "number_formats.error.format": {
        "en": "Unknown format {name}; choose one of {choices}.",
        "zh": "未知格式 {name}；可选：{choices}。",
    },
    "number_formats.error.bits_empty": {
        "en": "Type the {n} bits of {label} (sign first), using 0 and 1.",
        "zh": "请输入 {label} 的 {n} 位（符号位在前），只用 0 和 1。",
    },
    "number_formats.error.bits_chars": {
        "en": "A bit string may contain only 0 and 1 (spaces are ignored).",
        "zh": "位串只能包含 0 和 1（空格会被忽略）。",
    },
    "number_formats.error.bits_length": {
        "en": "{label} has {n} bits, but you typed {got}.",
        "zh": "{label} 有 {n} 位，但你输入了 {got} 位。",
    },
    "number_formats.error.count": {
        "en": "Choose between 1 and {limit} additions.",
        "zh": "加法次数应在 1 到 {limit} 之间。",
    },
    "number_formats.error.finite": {"en": "Choose a finite number to add.", "zh": "请选择一个有限的数来累加。"},
    "number_formats.error.grad_size": {
        "en": "The gradient size must be between 0 and 1.",
        "zh": "梯度大小必须在 0 和 1 之间。",
    },
    "number_formats.error.size": {
        "en": "Matrix size must be between {low} and {high}.",
        "zh": "矩阵大小必须在 {low} 到 {high} 之间。",
    },
    # one-line explanations of an encoding
    "number_formats.why.exact": {"en": "Stored exactly.", "zh": "精确存储。"},
    "number_formats.why.rounded": {
        "en": "Not representable: rounded to the nearest number (ties to even).",
        "zh": "无法精确表示：舍入到最近的可表示数（平局取偶）。",
    },
    "number_formats.why.tie": {
        "en": "Exactly halfway between two numbers: rounded to the one with an even mantissa.",
        "zh": "恰好位于两个数正中间：舍入到尾数为偶数的那个。",
    },
    "number_formats.why.overflow": {
        "en": "Rounded up past {max} → inf (overflow).",
        "zh": "舍入后超过 {max} → inf（上溢）。",
    },
    "number_formats.why.saturate": {
        "en": "Beyond {max}: PyTorch saturates E4M3 at ±{max} (it has no inf).",
        "zh": "超过 {max}：PyTorch 把 E4M3 饱和到 ±{max}（它没有 inf）。",
    },
    "number_formats.why.saturate_inf": {
        "en": "E4M3 has no inf: PyTorch saturates it to ±{max}.",
        "zh": "E4M3 没有 inf：PyTorch 把它饱和为 ±{max}。",
    },
    "number_formats.why.inf": {"en": "Infinity is stored as infinity.", "zh": "无穷大存储为无穷大。"},
    "number_formats.why.nan": {"en": "NaN stays NaN (not a number).", "zh": "NaN 仍是 NaN（非数）。"},
    "number_formats.why.flush": {
        "en": "Smaller than half of {min_sub}, the smallest subnormal → 0 (underflow).",
        "zh": "小于最小次正规数 {min_sub} 的一半 → 0（下溢）。",
    },
    "number_formats.why.subnormal": {
        "en": "Below {min_normal}: subnormal, with fewer significant bits, so it lost precision.",
        "zh": "小于 {min_normal}：次正规数，有效位更少，因此损失了精度。",
    },
    "number_formats.why.subnormal_exact": {
        "en": "Subnormal (below {min_normal}): no implicit leading 1, stored exactly.",
        "zh": "次正规数（小于 {min_normal}）：没有隐含的前导 1，精确存储。",
    },
    "number_formats.why.double_rounding": {
        "en": "PyTorch rounds FP64 → FP32 → this format; rounding once would give {direct} (double rounding).",
        "zh": "PyTorch 按 FP64 → FP32 → 本格式舍入；只舍入一次会得到 {direct}（两次舍入）。",
    },
    "number_formats.kind.normal": {"en": "normal", "zh": "正规数"},
    "number_formats.kind.subnormal": {"en": "subnormal", "zh": "次正规数"},
    "number_formats.kind.zero": {"en": "zero", "zh": "零"},
    "number_formats.kind.inf": {"en": "infinity", "zh": "无穷大"},
    "number_formats.kind.nan": {"en": "NaN", "zh": "NaN"},
    # page
    "number_formats.intro": {
        "en": "A float is stored as **sign** · **exponent** · **mantissa**: value = (−1)^sign × 1.mantissa × 2^(exponent − bias). "
        "Fewer exponent bits mean less range; fewer mantissa bits mean less precision. Every number below is computed "
        "by `lib/number_formats.py`, whose integer round-to-nearest-even is tested to match PyTorch's casts bit for bit.",
        "zh": "浮点数由 **符号** · **指数** · **尾数** 组成：值 = (−1)^符号 × 1.尾数 × 2^(指数 − 偏置)。"
        "指数位越少，范围越小；尾数位越少，精度越低。下面每个数都由 `lib/number_formats.py` 计算，"
        "其整数版“就近舍入、平局取偶”经测试与 PyTorch 的类型转换逐位一致。",
    },
    "number_formats.tab.value": {"en": "Value → bits", "zh": "数值 → 位"},
    "number_formats.tab.editor": {"en": "Bit editor", "zh": "位编辑器"},
    "number_formats.tab.range": {"en": "Range & precision", "zh": "范围与精度"},
    "number_formats.tab.spacing": {"en": "Spacing", "zh": "间距"},
    "number_formats.tab.lessons": {"en": "Live lessons", "zh": "实时实验"},
    "number_formats.value.header": {"en": "One value in every format", "zh": "同一个数在各种格式中"},
    "number_formats.value.input": {"en": "Value", "zh": "数值"},
    "number_formats.value.help": {
        "en": "Decimals (0.1, 1e-8), powers (2^-24, 2**-24), ratios (1/3), hex floats (0x1p-24), inf, -inf, nan.",
        "zh": "支持小数（0.1、1e-8）、幂（2^-24、2**-24）、分数（1/3）、十六进制浮点（0x1p-24）、inf、-inf、nan。",
    },
    "number_formats.value.examples": {"en": "Examples", "zh": "示例"},
    "number_formats.value.legend": {
        "en": "Bits: <span class='fs'>sign</span> <span class='fe'>exponent</span> <span class='fm'>mantissa</span>. "
        "Errors are measured against the exact value you typed.",
        "zh": "位：<span class='fs'>符号</span> <span class='fe'>指数</span> <span class='fm'>尾数</span>。"
        "误差相对于你输入的精确值计算。",
    },
    "number_formats.value.fields": {
        "en": "Exponent, significand and rounding error in every format",
        "zh": "各格式的指数、有效数与舍入误差",
    },
    "number_formats.value.tf32_note": {
        "en": "PyTorch has no TF32 dtype: TF32 here is FP32 with its mantissa rounded to 10 bits (nearest-even), "
        "which is what TF32 tensor cores read. FP8 arithmetic comes from PyTorch's float8 dtypes.",
        "zh": "PyTorch 没有 TF32 数据类型：这里的 TF32 是把 FP32 尾数舍入到 10 位（平局取偶），"
        "即 TF32 张量核心读取的值。FP8 来自 PyTorch 的 float8 类型。",
    },
    "number_formats.col.format": {"en": "Format", "zh": "格式"},
    "number_formats.col.stored": {"en": "Stored value", "zh": "存储值"},
    "number_formats.col.bits": {"en": "Bits", "zh": "位"},
    "number_formats.col.exponent": {"en": "Exponent raw / unbiased", "zh": "指数 原始/无偏"},
    "number_formats.col.mantissa": {"en": "Significand", "zh": "有效数"},
    "number_formats.col.kind": {"en": "Category", "zh": "类别"},
    "number_formats.col.abs_error": {"en": "Abs. error", "zh": "绝对误差"},
    "number_formats.col.rel_error": {"en": "Rel. error", "zh": "相对误差"},
    "number_formats.col.flags": {"en": "Flags", "zh": "标志"},
    "number_formats.col.why": {"en": "What happened", "zh": "发生了什么"},
    "number_formats.flag.overflow": {"en": "overflow", "zh": "上溢"},
    "number_formats.flag.underflow": {"en": "underflow", "zh": "下溢"},
    "number_formats.editor.header": {"en": "Flip bits and watch the value", "zh": "翻转位，观察数值变化"},
    "number_formats.editor.format": {"en": "Format", "zh": "格式"},
    "number_formats.editor.bits": {"en": "Bits (sign first; spaces ignored)", "zh": "位串（符号位在前；忽略空格）"},
    "number_formats.editor.sign": {"en": "Sign (selected = 1)", "zh": "符号位（选中 = 1）"},
    "number_formats.editor.exponent": {"en": "Exponent bits (selected = 1)", "zh": "指数位（选中 = 1）"},
    "number_formats.editor.mantissa": {"en": "Mantissa bits (selected = 1)", "zh": "尾数位（选中 = 1）"},
    "number_formats.editor.mantissa_more": {
        "en": "Mantissa bits {low}–{high} (selected = 1)",
        "zh": "尾数位 {low}–{high}（选中 = 1）",
    },
    "number_formats.editor.next_up": {"en": "|x| one step up", "zh": "|x| 增大一步"},
    "number_formats.editor.next_down": {"en": "|x| one step down", "zh": "|x| 减小一步"},
    "number_formats.editor.negate": {"en": "Flip sign", "zh": "翻转符号"},
    "number_formats.editor.one": {"en": "Reset to 1", "zh": "重置为 1"},
    "number_formats.editor.value": {"en": "Value", "zh": "数值"},
    "number_formats.editor.formula": {"en": "How the bits make the value", "zh": "位如何组成数值"},
    "number_formats.editor.special": {
        "en": "Exponent all ones: this pattern is {kind}, not a number built from the formula.",
        "zh": "指数位全为 1：该模式表示{kind}，不按公式计算。",
    },
    "number_formats.editor.bad_kept": {
        "en": "The buttons below still show the last valid pattern.",
        "zh": "下方按钮仍显示上一个有效的位模式。",
    },
    "number_formats.range.header": {
        "en": "Range and precision, computed from the bit widths",
        "zh": "由位宽计算出的范围与精度",
    },
    "number_formats.range.caption": {
        "en": "max = (2 − 2^−m)·2^emax (E4M3: 1.75·2^8 = 448, because S.1111.111 is its only NaN), "
        "min normal = 2^(1−bias), min subnormal = 2^(1−bias−m), eps = 2^−m, digits = (m+1)·log10 2. "
        "Tests check every value against torch.finfo.",
        "zh": "最大值 = (2 − 2^−m)·2^emax（E4M3 为 1.75·2^8 = 448，因为 S.1111.111 是它唯一的 NaN），"
        "最小正规数 = 2^(1−偏置)，最小次正规数 = 2^(1−偏置−m)，eps = 2^−m，十进制位数 = (m+1)·log10 2。"
        "测试会将每个值与 torch.finfo 核对。",
    },
    "number_formats.range.col.bits": {"en": "Bits (s/e/m)", "zh": "位（符/指/尾）"},
    "number_formats.range.col.bias": {"en": "Bias", "zh": "偏置"},
    "number_formats.range.col.exp_range": {"en": "Exponent range", "zh": "指数范围"},
    "number_formats.range.col.max": {"en": "Max", "zh": "最大值"},
    "number_formats.range.col.min_normal": {"en": "Min normal", "zh": "最小正规数"},
    "number_formats.range.col.min_subnormal": {"en": "Min subnormal", "zh": "最小次正规数"},
    "number_formats.range.col.eps": {"en": "Machine eps", "zh": "机器精度 eps"},
    "number_formats.range.col.digits": {"en": "Decimal digits", "zh": "十进制有效位"},
    "number_formats.range.col.inf": {"en": "Has inf", "zh": "有 inf"},
    "number_formats.range.col.dtype": {"en": "PyTorch dtype", "zh": "PyTorch 类型"},
    "number_formats.range.no_dtype": {"en": "none (FP32 + allow_tf32)", "zh": "无（FP32 + allow_tf32）"},
    "number_formats.notes.header": {
        "en": "A commonly quoted table of ranges, checked",
        "zh": "一张流传很广的范围表，逐项核对",
    },
    "number_formats.notes.caption": {
        "en": "This table circulates in tutorials and slides, and it mixes up powers of two and powers of ten. FP16's exponent runs from 2^{emin16} to 2^{emax16}: "
        "its normal numbers span {min16} … {max16} (subnormals reach down to {sub16}), not “1e-15 … 1e16”. "
        "FP32, TF32 and BF16 share exponents 2^{emin32} … 2^{emax32}, i.e. {min32} … {max32}, not “1e-127 … 1e128”.",
        "zh": "这张表在教程和幻灯片中流传很广，但它把 2 的幂和 10 的幂弄混了。FP16 的指数范围是 2^{emin16} 到 2^{emax16}："
        "正规数范围为 {min16} … {max16}（次正规数可低至 {sub16}），而不是“1e-15 … 1e16”。"
        "FP32、TF32 和 BF16 的指数范围都是 2^{emin32} … 2^{emax32}，即 {min32} … {max32}，而不是“1e-127 … 1e128”。",
    },
    "number_formats.notes.col.notes": {"en": "Commonly quoted", "zh": "常见说法"},
    "number_formats.notes.col.actual": {
        "en": "Computed range (positive normal numbers)",
        "zh": "计算得到的范围（正的正规数）",
    },
    "number_formats.notes.col.verdict": {"en": "Verdict", "zh": "结论"},
    "number_formats.notes.ok": {"en": "about right", "zh": "大致正确"},
    "number_formats.notes.wrong": {"en": "wrong", "zh": "错误"},
    "number_formats.spacing.header": {"en": "Gap between neighbouring numbers", "zh": "相邻可表示数之间的间距"},
    "number_formats.spacing.caption": {
        "en": "Each line is a staircase: inside one power of two the gap is constant, and it doubles at every power "
        "of two. Flat left ends are the subnormals. BF16 spans FP32's range with FP16-like (coarser) gaps; FP16 "
        "stops at 65504. TF32 has BF16's reach with FP16's gaps. The chart opens on FP32's range; double-click it to see all of FP64's.",
        "zh": "每条线都是台阶：在同一个 2 的幂区间内间距不变，每跨过一个 2 的幂间距翻倍。左端的水平段是次正规数。"
        "BF16 覆盖 FP32 的范围，但间距像 FP16 一样（更粗）；FP16 到 65504 就结束了。TF32 有 BF16 的范围和 FP16 的间距。图表默认显示 FP32 的范围；双击可查看 FP64 的全部范围。",
    },
    "number_formats.spacing.x": {"en": "magnitude |x|", "zh": "数值大小 |x|"},
    "number_formats.spacing.y": {"en": "gap to the next number", "zh": "到下一个数的间距"},
    "number_formats.spacing.at": {"en": "Gap at a value", "zh": "某个值处的间距"},
    "number_formats.spacing.at_caption": {
        "en": "Gap just above {x} in each format (the next representable number minus this one):",
        "zh": "各格式中紧挨 {x} 之上的间距（下一个可表示数减去它）：",
    },
    "number_formats.lesson.accumulate.header": {"en": "1 · Many small additions", "zh": "1 · 累加许多小数"},
    "number_formats.lesson.accumulate.intro": {
        "en": "Add the same small number again and again, rounding the running sum to the format after every "
        "addition (as a training loop accumulating a statistic would). Once the number is smaller than half the gap "
        "at the current sum, adding it changes nothing: the sum stalls.",
        "zh": "一次又一次地加上同一个小数，每次相加后把累加和舍入到该格式（就像训练循环累积统计量那样）。"
        "一旦这个数小于当前和处间距的一半，再加也不会改变：累加停滞。",
    },
    "number_formats.lesson.accumulate.value": {"en": "Number to add", "zh": "要累加的数"},
    "number_formats.lesson.accumulate.count": {"en": "How many times", "zh": "累加次数"},
    "number_formats.lesson.accumulate.exact": {"en": "Exact answer: {exact}", "zh": "精确答案：{exact}"},
    "number_formats.lesson.accumulate.col.total": {"en": "Sum", "zh": "和"},
    "number_formats.lesson.accumulate.col.error": {"en": "Rel. error vs exact", "zh": "相对精确值的误差"},
    "number_formats.lesson.accumulate.col.stall": {"en": "Stalled at step", "zh": "在第几步停滞"},
    "number_formats.lesson.accumulate.never": {"en": "never", "zh": "从未"},
    "number_formats.lesson.accumulate.fp8_note": {
        "en": "PyTorch has no FP8 addition: FP8 rows add in FP32 and store the sum in FP8. TF32 is only a matmul "
        "input format (sums accumulate in FP32), so it has no row here.",
        "zh": "PyTorch 没有 FP8 加法：FP8 行在 FP32 中相加，再把和存为 FP8。TF32 只是矩阵乘法的输入格式"
        "（累加在 FP32 中进行），因此这里没有它。",
    },
    "number_formats.lesson.accumulate.chart_y": {"en": "running sum", "zh": "累加和"},
    "number_formats.lesson.accumulate.chart_x": {"en": "step", "zh": "步数"},
    "number_formats.lesson.grad.header": {"en": "2 · Gradient underflow", "zh": "2 · 梯度下溢"},
    "number_formats.lesson.grad.intro": {
        "en": "A real backward pass through a linear layer under autocast, with dLoss/dOutput = g. In FP16 the "
        "gradient flowing back is cast to FP16: below ~6e-8 it becomes 0 and every weight gradient is lost. "
        "`torch.amp.GradScaler` multiplies the loss by 65536 before backward and divides the FP32 gradients after.",
        "zh": "在 autocast 下对一个线性层做真实的反向传播，dLoss/dOutput = g。FP16 中回传的梯度被转换为 FP16："
        "低于约 6e-8 就变成 0，所有权重梯度都丢失。`torch.amp.GradScaler` 在反向传播前把损失乘以 65536，"
        "之后再把 FP32 梯度除回去。",
    },
    "number_formats.lesson.grad.size": {"en": "Gradient size g", "zh": "梯度大小 g"},
    "number_formats.lesson.grad.col.run": {"en": "Run", "zh": "运行方式"},
    "number_formats.lesson.grad.col.nonzero": {"en": "Non-zero weight grads", "zh": "非零权重梯度占比"},
    "number_formats.lesson.grad.col.error": {"en": "Rel. error vs FP32", "zh": "相对 FP32 的误差"},
    "number_formats.lesson.grad.col.scale": {"en": "Loss scale", "zh": "损失缩放"},
    "number_formats.lesson.grad.run.fp32": {"en": "FP32", "zh": "FP32"},
    "number_formats.lesson.grad.run.fp16": {"en": "FP16 autocast", "zh": "FP16 autocast"},
    "number_formats.lesson.grad.run.fp16_scaled": {
        "en": "FP16 autocast + GradScaler",
        "zh": "FP16 autocast + GradScaler",
    },
    "number_formats.lesson.grad.run.bf16": {"en": "BF16 autocast", "zh": "BF16 autocast"},
    "number_formats.lesson.grad.device": {
        "en": "Ran on {device}. On CPU, FP16 autocast works but is slow; the underflow is the same as on a GPU.",
        "zh": "运行于 {device}。在 CPU 上 FP16 autocast 可以运行但较慢；下溢现象与 GPU 上相同。",
    },
    "number_formats.lesson.matmul.header": {"en": "3 · Matmul error", "zh": "3 · 矩阵乘法误差"},
    "number_formats.lesson.matmul.intro": {
        "en": "Multiply two random matrices in each format and compare with FP64: relative error ‖C − C₆₄‖ / ‖C₆₄‖. "
        "Raise the scale to see FP16 overflow while BF16 does not.",
        "zh": "在各格式中相乘两个随机矩阵并与 FP64 比较：相对误差 ‖C − C₆₄‖ / ‖C₆₄‖。"
        "增大尺度，可以看到 FP16 溢出而 BF16 不会。",
    },
    "number_formats.lesson.matmul.size": {"en": "Matrix size n (n×n)", "zh": "矩阵大小 n（n×n）"},
    "number_formats.lesson.matmul.scale": {"en": "Entry scale", "zh": "元素尺度"},
    "number_formats.lesson.matmul.col.error": {"en": "Rel. error vs FP64", "zh": "相对 FP64 的误差"},
    "number_formats.lesson.matmul.col.max_abs": {"en": "Max abs. error", "zh": "最大绝对误差"},
    "number_formats.lesson.matmul.col.bytes": {"en": "Bytes / number", "zh": "每个数的字节数"},
    "number_formats.lesson.matmul.col.how": {"en": "How", "zh": "方式"},
    "number_formats.lesson.matmul.how.native": {"en": "PyTorch dtype", "zh": "PyTorch 原生类型"},
    "number_formats.lesson.matmul.how.emulated": {
        "en": "emulated: inputs rounded to 10-bit mantissas, FP32 product",
        "zh": "模拟：输入尾数舍入到 10 位，FP32 乘积",
    },
    "number_formats.lesson.matmul.how.emulated_fp8": {
        "en": "emulated: inputs rounded to FP8, FP32 product",
        "zh": "模拟：输入舍入到 FP8，FP32 乘积",
    },
    "number_formats.lesson.matmul.overflow": {"en": "overflow (inf)", "zh": "溢出（inf）"},
    "number_formats.lesson.matmul.tf32_real": {
        "en": "TF32 ran on this GPU's tensor cores (allow_tf32).",
        "zh": "TF32 在本 GPU 的张量核心上运行（allow_tf32）。",
    },
    "number_formats.lesson.matmul.tf32_emulated": {
        "en": "No TF32 hardware here: TF32 is emulated on CPU by rounding the inputs' mantissas to 10 bits.",
        "zh": "本机没有 TF32 硬件：在 CPU 上通过把输入尾数舍入到 10 位来模拟 TF32。",
    },
    "number_formats.lesson.advice.header": {
        "en": "4 · Which format when",
        "zh": "4 · 何时用何种格式",
    },
    "number_formats.lesson.advice.col.use": {"en": "Use", "zh": "场景"},
    "number_formats.lesson.advice.col.format": {"en": "Format", "zh": "推荐格式"},
    "number_formats.lesson.advice.col.evidence": {"en": "Measured on this page", "zh": "本页实测依据"},
    "number_formats.advice.train": {"en": "Training", "zh": "深度学习训练"},
    "number_formats.advice.infer": {"en": "Inference", "zh": "推理（部署）"},
    "number_formats.advice.science": {"en": "Scientific computing", "zh": "科学计算"},
    "number_formats.advice.edge": {"en": "Edge devices", "zh": "边缘设备"},
    "number_formats.advice.train.why": {
        "en": "BF16 kept {bf16_grads} of the gradients at g = {g} with no loss scaling (FP16 kept {fp16_grads}); "
        "TF32's matmul error was {tf32_err}, close to FP16's {fp16_err}, while FP32 storage is unchanged.",
        "zh": "g = {g} 时，BF16 无需损失缩放就保留了 {bf16_grads} 的梯度（FP16 保留 {fp16_grads}）；"
        "TF32 的矩阵乘法误差为 {tf32_err}，接近 FP16 的 {fp16_err}，而存储仍是 FP32。",
    },
    "number_formats.advice.infer.why": {
        "en": "Half the memory of FP32 (2 bytes) for a matmul error of {fp16_err} (FP16) or {bf16_err} (BF16): "
        "no gradients, so no underflow risk.",
        "zh": "内存是 FP32 的一半（2 字节），矩阵乘法误差为 {fp16_err}（FP16）或 {bf16_err}（BF16）；"
        "推理没有梯度，也就没有下溢风险。",
    },
    "number_formats.advice.science.why": {
        "en": "Summing {count} × {value}: FP64 was off by {fp64_err}, FP32 by {fp32_err}, FP16 by {fp16_err}.",
        "zh": "累加 {count} 次 {value}：FP64 误差 {fp64_err}，FP32 误差 {fp32_err}，FP16 误差 {fp16_err}。",
    },
    "number_formats.advice.edge.why": {
        "en": "2 bytes per number and FP16's 10 mantissa bits give a matmul error of {fp16_err}, {ratio}× smaller "
        "than BF16's — if values stay below 65504.",
        "zh": "每个数 2 字节，FP16 的 10 位尾数使矩阵乘法误差为 {fp16_err}，比 BF16 小 {ratio} 倍——前提是数值不超过 65504。",
    },
    "number_formats.advice.unavailable": {"en": "n/a", "zh": "无"},
}
