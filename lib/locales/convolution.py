"""Strings of the Convolution & pooling page and of lib/convolution.py's errors."""

STRINGS = {
    # Errors raised by lib/convolution.py
    "convolution.error.size_not_positive": {
        "en": "The input size must be at least 1, but it is {value}.",
        "zh": "输入尺寸必须至少为 1，但现在是 {value}。",
    },
    "convolution.error.kernel_not_positive": {
        "en": "The kernel size must be at least 1, but it is {value}.",
        "zh": "卷积核尺寸必须至少为 1，但现在是 {value}。",
    },
    "convolution.error.stride_not_positive": {
        "en": "The stride must be at least 1, but it is {value}: with stride 0 the window would never move.",
        "zh": "步幅必须至少为 1，但现在是 {value}：步幅为 0 时窗口永远不会移动。",
    },
    "convolution.error.dilation_not_positive": {
        "en": "The dilation must be at least 1 (1 means no gaps), but it is {value}.",
        "zh": "膨胀必须至少为 1（1 表示没有间隔），但现在是 {value}。",
    },
    "convolution.error.negative_padding": {
        "en": "Padding cannot be negative (got {padding}); PyTorch refuses it too.",
        "zh": "填充不能为负数（现在是 {padding}）；PyTorch 同样会拒绝。",
    },
    "convolution.error.kernel_too_big": {
        "en": "A {kernel}-wide kernel with dilation {dilation} spans {span} pixels, but the padded input is only "
        "{padded} wide: no window fits. Use a smaller kernel or dilation, or more padding.",
        "zh": "宽度为 {kernel}、膨胀为 {dilation} 的卷积核覆盖 {span} 个像素，但填充后的输入只有 {padded} 宽："
        "一个窗口都放不下。请减小卷积核或膨胀，或增加填充。",
    },
    "convolution.error.negative_output_padding": {
        "en": "output_padding cannot be negative (got {output_padding}).",
        "zh": "output_padding 不能为负数（现在是 {output_padding}）。",
    },
    "convolution.error.output_padding": {
        "en": "output_padding ({output_padding}) must be smaller than the stride ({stride}) or the dilation "
        "({dilation}): it only picks among the sizes a strided convolution could have come from.",
        "zh": "output_padding（{output_padding}）必须小于步幅（{stride}）或膨胀（{dilation}）之一："
        "它只用于在步幅卷积可能来自的几种尺寸中做选择。",
    },
    "convolution.error.transposed_too_small": {
        "en": "The transposed convolution would produce {size} pixels: padding {padding} removes more than the "
        "output has. Use less padding.",
        "zh": "这个转置卷积只会得到 {size} 个像素：填充 {padding} 裁掉的比输出本身还多。请减小填充。",
    },
    "convolution.error.pool_padding": {
        "en": "Pooling padding ({padding}) may be at most half the kernel ({kernel} // 2 = {half}), as PyTorch "
        "requires: otherwise a window could hold nothing but padding.",
        "zh": "池化的填充（{padding}）最多为卷积核的一半（{kernel} // 2 = {half}），这是 PyTorch 的要求："
        "否则某个窗口可能全是填充。",
    },
    "convolution.error.groups": {
        "en": "groups = {groups} does not fit: C_in = {c_in} and C_out = {c_out} must both split into {groups} "
        "equal groups (PyTorch refuses it too). Choose one of {choices}: 1 is a standard convolution, C_in is "
        "depthwise.",
        "zh": "groups = {groups} 不可用：C_in = {c_in} 和 C_out = {c_out} 都必须能平均分成 {groups} 组"
        "（PyTorch 同样会拒绝）。请从 {choices} 中选择：1 是标准卷积，等于 C_in 时是逐通道（depthwise）卷积。",
    },
    "convolution.error.bad_cell": {
        "en": "{name}: the cell in row {row}, column {col} is not a number ('{value}'). Type a number there.",
        "zh": "{name}：第 {row} 行第 {col} 列的单元格不是数字（'{value}'）。请在那里填入数字。",
    },
    # Tabs
    "convolution.tab.calculator": {"en": "Output size", "zh": "输出尺寸"},
    "convolution.tab.steps": {"en": "Convolution", "zh": "逐步卷积"},
    "convolution.tab.pooling": {"en": "Pooling", "zh": "逐步池化"},
    "convolution.tab.image": {"en": "On an image", "zh": "图像卷积"},
    "convolution.tab.one_by_one": {"en": "1×1 conv", "zh": "1×1 卷积"},
    "convolution.tab.tracer": {"en": "Network tracer", "zh": "网络追踪"},
    "convolution.height": {"en": "Height", "zh": "高"},
    "convolution.width": {"en": "Width", "zh": "宽"},
    "convolution.both": {"en": "Height and width", "zh": "高和宽"},
    # Section 1: calculator
    "convolution.calc.intro": {
        "en": "How big is a layer's output? Type any numbers, even impossible ones or a million-pixel input: the "
        "formula shows your numbers, and PyTorch computes the same shape as a check.",
        "zh": "一层的输出有多大？随意输入数字，哪怕是不可能的配置或百万像素的输入：公式会代入你的数字，"
        "PyTorch 会算出同样的形状作为检验。",
    },
    "convolution.calc.op": {"en": "Layer", "zh": "层"},
    "convolution.calc.op.conv": {"en": "Conv2d", "zh": "Conv2d（卷积）"},
    "convolution.calc.op.conv_transpose": {"en": "ConvTranspose2d", "zh": "ConvTranspose2d（转置卷积）"},
    "convolution.calc.op.max_pool": {"en": "MaxPool2d", "zh": "MaxPool2d（最大池化）"},
    "convolution.calc.op.avg_pool": {"en": "AvgPool2d", "zh": "AvgPool2d（平均池化）"},
    "convolution.calc.ceil_mode": {"en": "Round up (`ceil_mode`)", "zh": "向上取整（`ceil_mode`）"},
    "convolution.calc.ceil_help": {
        "en": "Round the division up instead of down, so a last, partial window is kept.",
        "zh": "除法向上而不是向下取整，从而保留最后一个不完整的窗口。",
    },
    "convolution.calc.ceil_rule": {
        "en": "With ceil_mode PyTorch keeps the extra window only if it starts inside the input or the left "
        'padding; a window starting in the right padding is dropped (the "− 1" in the formula when it applies).',
        "zh": "使用 ceil_mode 时，只有当多出的窗口起点落在输入或左侧填充内时 PyTorch 才保留它；"
        "起点落在右侧填充里的窗口会被丢弃（适用时即公式中的“− 1”）。",
    },
    "convolution.calc.same": {"en": "Same numbers for height and width", "zh": "高和宽使用相同的数字"},
    "convolution.calc.param.size": {"en": "input size n", "zh": "输入尺寸 n"},
    "convolution.calc.param.kernel": {"en": "kernel k", "zh": "卷积核 k"},
    "convolution.calc.param.stride": {"en": "stride s", "zh": "步幅 s"},
    "convolution.calc.param.padding": {"en": "padding p", "zh": "填充 p"},
    "convolution.calc.param.dilation": {"en": "dilation d", "zh": "膨胀 d"},
    "convolution.calc.param.output_padding": {"en": "output_padding", "zh": "output_padding"},
    "convolution.calc.axis_error": {"en": "{axis}: {message}", "zh": "{axis}：{message}"},
    "convolution.calc.result": {"en": "Output (height × width)", "zh": "输出（高 × 宽）"},
    "convolution.calc.torch_agrees": {
        "en": "PyTorch agrees: its output is {h} × {w}{where}.",
        "zh": "PyTorch 结果一致：输出为 {h} × {w}{where}。",
    },
    "convolution.calc.meta": {
        "en": ' (computed on the "meta" device: shapes only, no memory)',
        "zh": "（在 “meta” 设备上计算：只算形状，不占内存）",
    },
    "convolution.calc.torch_refuses": {
        "en": "PyTorch refuses this too: {message}",
        "zh": "PyTorch 同样拒绝：{message}",
    },
    "convolution.calc.torch_disagrees": {
        "en": "This calculator says {ours} but PyTorch says {theirs}. Please report it.",
        "zh": "本计算器得到 {ours}，而 PyTorch 得到 {theirs}。请报告这个问题。",
    },
    "convolution.solve.title": {"en": "Solve for padding", "zh": "求解填充"},
    "convolution.solve.caption": {
        "en": "Which padding turns an n_in-wide input into an n_out-wide output? (A classic case: 32 → 32 with a 5×5 kernel.)",
        "zh": "多少填充能把宽 n_in 的输入变成宽 n_out 的输出？（经典例子：5×5 卷积核让 32 → 32。）",
    },
    "convolution.solve.n_in": {"en": "input size n_in", "zh": "输入尺寸 n_in"},
    "convolution.solve.n_out": {"en": "wanted output n_out", "zh": "期望输出 n_out"},
    "convolution.solve.answer": {
        "en": "padding = {padding} turns {n_in} into {n_out} with a {kernel}-wide kernel.",
        "zh": "填充 padding = {padding} 可以用宽 {kernel} 的卷积核把 {n_in} 变成 {n_out}。",
    },
    "convolution.solve.none": {
        "en": "No padding turns {n_in} into {n_out} with kernel {kernel}, stride {stride}, dilation {dilation}: "
        "padding adds two pixels at a time (one per side), so the output jumps past {n_out}, or the output can "
        "never shrink that far. Try another kernel size or stride.",
        "zh": "在卷积核 {kernel}、步幅 {stride}、膨胀 {dilation} 下，没有任何填充能把 {n_in} 变成 {n_out}："
        "填充每次增加两个像素（每侧一个），输出会跳过 {n_out}，或者输出根本缩不到那么小。请换一个卷积核尺寸或步幅。",
    },
    # Section 2: convolution step by step
    "convolution.step.intro": {
        "en": "Slide the kernel over the input one window at a time: multiply element by element, add up, add the "
        "bias. Edit any number, pick a worked example, or press play.",
        "zh": "让卷积核一次一个窗口地在输入上滑动：逐元素相乘、求和、再加偏置。可以修改任意数字、"
        "选择一个例题，或者点击播放。",
    },
    "convolution.step.preset": {"en": "Example", "zh": "例子"},
    "convolution.example.notes_edge": {
        "en": "Worked example: 5×5 input, vertical-edge kernel [[1, 0, −1]] × 3",
        "zh": "例题：5×5 输入，竖直边缘卷积核 [[1, 0, −1]] × 3",
    },
    "convolution.example.notes_two_channel": {
        "en": "Worked example: two channels, 2×2 each, their results add up",
        "zh": "例题：两个 2×2 通道，结果相加",
    },
    "convolution.example.d2l_multi_in": {
        "en": "d2l: corr2d_multi_in (2 input channels)",
        "zh": "d2l：corr2d_multi_in（2 个输入通道）",
    },
    "convolution.example.d2l_multi_in_out": {
        "en": "d2l: corr2d_multi_in_out (2 in, 3 out: K, K+1, K+2)",
        "zh": "d2l：corr2d_multi_in_out（2 入 3 出：K、K+1、K+2）",
    },
    "convolution.example.padded_stride": {
        "en": "Sobel on the 5×5 input with padding 1 and stride 2",
        "zh": "在 5×5 输入上用 Sobel，填充 1、步幅 2",
    },
    "convolution.example.grouped": {
        "en": "Grouped: 4 channels in 2 groups (groups=2), each output reads 2 inputs",
        "zh": "分组卷积：4 个通道分成 2 组（groups=2），每个输出只读 2 个输入通道",
    },
    "convolution.example.depthwise": {
        "en": "Depthwise: 3 channels, one 3×3 kernel each (groups=3), padding 1",
        "zh": "逐通道（depthwise）卷积：3 个通道各用一个 3×3 卷积核（groups=3），填充 1",
    },
    "convolution.step.settings": {"en": "Settings", "zh": "设置"},
    "convolution.step.edit": {
        "en": "Edit the numbers: inputs, kernels, biases",
        "zh": "编辑数字：输入、卷积核、偏置",
    },
    "convolution.zoom": {"en": "Cell size (px)", "zh": "格子大小（像素）"},
    "convolution.zoom_help": {
        "en": "Bigger cells read better on a projector; smaller ones fit more on a laptop screen.",
        "zh": "格子越大，投影时越清楚；越小，小屏幕上能放下越多。",
    },
    "convolution.step.multi": {"en": "Multi-channel mode", "zh": "多通道模式"},
    "convolution.step.multi_help": {
        "en": "Several input channels (each with its own kernel, their results added) and several output channels "
        "(one set of kernels each): C_in × C_out kernels in all.",
        "zh": "多个输入通道（每个有自己的卷积核，结果相加）和多个输出通道（每个一组卷积核）：共 C_in × C_out 个卷积核。",
    },
    "convolution.step.h": {"en": "input rows", "zh": "输入行数"},
    "convolution.step.w": {"en": "input columns", "zh": "输入列数"},
    "convolution.step.kh": {"en": "kernel rows", "zh": "卷积核行数"},
    "convolution.step.kw": {"en": "kernel columns", "zh": "卷积核列数"},
    "convolution.step.c_in": {"en": "input channels C_in", "zh": "输入通道 C_in"},
    "convolution.step.c_out": {"en": "output channels C_out", "zh": "输出通道 C_out"},
    "convolution.step.groups": {"en": "groups", "zh": "分组数 groups"},
    "convolution.step.groups_help": {
        "en": "Split the channels into this many groups: each output channel then reads only the C_in / groups input "
        "channels of its group. 1 = standard, C_in = depthwise (one kernel per input channel). It must divide both "
        "C_in and C_out.",
        "zh": "把通道分成这么多组：每个输出通道只读取本组的 C_in / groups 个输入通道。1 = 标准卷积，"
        "C_in = 逐通道（depthwise）卷积（每个输入通道一个卷积核）。它必须同时整除 C_in 和 C_out。",
    },
    "convolution.step.view": {"en": "Show", "zh": "显示"},
    "convolution.step.view.grids": {"en": "Grids", "zh": "网格"},
    "convolution.step.view.formulas": {"en": "Formulas", "zh": "公式"},
    "convolution.step.formula_caption": {
        "en": "Output channel {o}, cells {first} to {last} of {count}, each written out: input × weight for every cell "
        "of its window (one bracket and colour per input channel read), plus the bias. The highlighted line is the "
        "current window.",
        "zh": "输出通道 {o} 的第 {first} 到 {last} 个格子（共 {count} 个），每个都完整写出：窗口里每个格子的 输入 × 权重"
        "（每个被读取的输入通道一个括号、一种颜色），再加上偏置。高亮的一行是当前窗口。",
    },
    "convolution.step.cap": {
        "en": "Sizes are capped ({side}×{side} input, {kernel}×{kernel} kernel, {channels} channels) so every "
        "window and product fits on screen; the Output size tab computes any size.",
        "zh": "尺寸有上限（输入 {side}×{side}、卷积核 {kernel}×{kernel}、{channels} 个通道），以便每个窗口和乘积"
        "都能显示在屏幕上；“输出尺寸”标签页可以计算任意尺寸。",
    },
    "convolution.step.kernel_preset": {"en": "Kernel preset", "zh": "预设卷积核"},
    "convolution.kernel.vertical_edge": {"en": "Vertical edge [1, 0, −1]", "zh": "竖直边缘 [1, 0, −1]"},
    "convolution.kernel.horizontal_edge": {"en": "Horizontal edge", "zh": "水平边缘"},
    "convolution.kernel.sobel_x": {"en": "Sobel (x)", "zh": "Sobel（x 方向）"},
    "convolution.kernel.sobel_y": {"en": "Sobel (y)", "zh": "Sobel（y 方向）"},
    "convolution.kernel.blur": {"en": "Box blur", "zh": "均值模糊"},
    "convolution.kernel.gaussian_blur": {"en": "Gaussian blur", "zh": "高斯模糊"},
    "convolution.kernel.sharpen": {"en": "Sharpen", "zh": "锐化"},
    "convolution.kernel.identity": {"en": "Identity", "zh": "恒等"},
    "convolution.step.target": {"en": "Into kernel", "zh": "放入卷积核"},
    "convolution.step.apply": {"en": "Load kernel", "zh": "载入卷积核"},
    "convolution.step.inputs": {"en": "Input channels (edit the cells)", "zh": "输入通道（可编辑单元格）"},
    "convolution.step.kernels": {
        "en": "Kernels: one row per output channel, one kernel per input channel it reads (all of them unless grouped), "
        "plus that output's bias",
        "zh": "卷积核：每个输出通道一行，它读取的每个输入通道一个卷积核（不分组时即全部输入通道），外加该输出的偏置",
    },
    "convolution.step.input_name": {"en": "input channel {c}", "zh": "输入通道 {c}"},
    "convolution.step.kernel_name": {"en": "kernel out {o} ← in {c}", "zh": "卷积核 输出 {o} ← 输入 {c}"},
    "convolution.step.bias": {"en": "bias of output {o}", "zh": "输出 {o} 的偏置"},
    "convolution.step.fix_cells": {
        "en": "Fix the cells above to see the convolution.",
        "zh": "请先修正上面的单元格，再查看卷积过程。",
    },
    "convolution.step.index": {"en": "Window", "zh": "窗口"},
    "convolution.step.play": {"en": "Play", "zh": "播放"},
    "convolution.step.pause": {"en": "Pause", "zh": "暂停"},
    "convolution.step.position": {
        "en": "Window {n} of {count}: output channel {o}, row {row}, column {col}.",
        "zh": "第 {n} / {count} 个窗口：输出通道 {o}，第 {row} 行，第 {col} 列。",
    },
    "convolution.step.padded_input": {
        "en": "input channel {c} (grey: padding zeros; red: the window)",
        "zh": "输入通道 {c}（灰色：填充的零；红框：当前窗口）",
    },
    "convolution.step.products": {"en": "element-wise products", "zh": "逐元素乘积"},
    "convolution.step.partial": {"en": "sum for channel {c}", "zh": "通道 {c} 之和"},
    "convolution.step.total": {
        "en": "Output = {sums} + bias {bias} = **{total}**",
        "zh": "输出 = {sums} + 偏置 {bias} = **{total}**",
    },
    "convolution.step.output": {"en": "output channel {o}, filling in", "zh": "输出通道 {o}（逐步填入）"},
    "convolution.step.output_table": {"en": "output channel {o} so far", "zh": "输出通道 {o}（目前为止）"},
    "convolution.step.check": {
        "en": "Check: every window assembled vs. F.conv2d",
        "zh": "检验：所有窗口拼出的结果 vs. F.conv2d",
    },
    "convolution.step.ours": {"en": "window by window, output {o}", "zh": "逐窗口计算，输出 {o}"},
    "convolution.step.theirs": {"en": "F.conv2d, output {o}", "zh": "F.conv2d，输出 {o}"},
    "convolution.step.max_diff": {
        "en": "Largest difference: {diff} (float32 rounding only).",
        "zh": "最大差异：{diff}（仅为 float32 舍入误差）。",
    },
    # Grouped convolution: the picture and the costs
    "convolution.groups.inputs": {"en": "input channels", "zh": "输入通道"},
    "convolution.groups.outputs": {"en": "output channels", "zh": "输出通道"},
    "convolution.groups.picture": {
        "en": "Which input channels each output channel reads",
        "zh": "每个输出通道读取哪些输入通道",
    },
    "convolution.groups.picture_caption": {
        "en": "groups = {groups}: each output reads {per} input channel(s); bold: output {o}",
        "zh": "groups = {groups}：每个输出读取 {per} 个输入通道；粗线：输出 {o}",
    },
    "convolution.groups.costs_title": {
        "en": "Cost: standard vs grouped vs depthwise-separable",
        "zh": "代价：标准卷积 vs 分组卷积 vs 深度可分离卷积",
    },
    "convolution.groups.costs_intro": {
        "en": "Every way to turn these input channels into these output channels with this kernel: parameters "
        "(weights + biases) and multiply-adds (MACs) for one image. Depthwise-separable = a depthwise convolution "
        "(one kernel per channel) followed by a 1×1 pointwise convolution that mixes the channels. The highlighted "
        "row is the layer shown above.",
        "zh": "用这个卷积核把这些输入通道变成这些输出通道的各种做法：每种的参数量（权重 + 偏置）和处理一张图像的"
        "乘加次数（MACs）。深度可分离卷积 = 逐通道卷积（每个通道一个卷积核）+ 一个混合各通道的 1×1 逐点卷积。"
        "高亮的一行就是上面演示的这一层。",
    },
    "convolution.groups.scale": {"en": "Channels ×", "zh": "通道数 ×"},
    "convolution.groups.scale_help": {
        "en": "Count for a wider layer: C_in and C_out multiplied by this (the number of groups stays; depthwise "
        "follows C_in). Real networks have 32 to 1024 channels.",
        "zh": "按更宽的层来计算：C_in 和 C_out 都乘以这个数（分组数不变；逐通道卷积随 C_in 变化）。"
        "真实网络有 32 到 1024 个通道。",
    },
    "convolution.groups.col.choice": {"en": "layer", "zh": "层的做法"},
    "convolution.groups.col.layers": {"en": "in PyTorch", "zh": "PyTorch 写法"},
    "convolution.groups.col.params": {"en": "parameters", "zh": "参数量"},
    "convolution.groups.col.macs": {"en": "multiply-adds", "zh": "乘加次数"},
    "convolution.groups.col.ratio": {"en": "MACs vs standard", "zh": "乘加次数 / 标准卷积"},
    "convolution.groups.choice.standard": {"en": "standard (groups=1)", "zh": "标准卷积（groups=1）"},
    "convolution.groups.choice.grouped": {"en": "grouped", "zh": "分组卷积"},
    "convolution.groups.choice.depthwise": {"en": "depthwise (groups=C_in)", "zh": "逐通道卷积（groups=C_in）"},
    "convolution.groups.choice.separable": {
        "en": "depthwise-separable (depthwise + 1×1)",
        "zh": "深度可分离卷积（逐通道 + 1×1）",
    },
    "convolution.groups.saving": {
        "en": "With {c_in} → {c_out} channels the standard layer has **{params}×** the parameters and needs "
        "**{macs}×** the multiply-adds of the depthwise-separable block.",
        "zh": "在 {c_in} → {c_out} 个通道时，标准卷积的参数量是深度可分离卷积的 **{params} 倍**，"
        "乘加次数是它的 **{macs} 倍**。",
    },
    # Section 3: pooling
    "convolution.pool.intro": {
        "en": "Pooling slides a window too, but has no weights: it keeps the largest value (max) or the mean (avg) "
        "of each window, channel by channel.",
        "zh": "池化同样滑动窗口，但没有权重：它逐通道保留每个窗口的最大值（max）或平均值（avg）。",
    },
    "convolution.pool.example.notes_3x3": {
        "en": "Worked example: 3×3 max pooling, stride 1, on a 5×5 map",
        "zh": "例题：在 5×5 特征图上做 3×3、步幅 1 的最大池化",
    },
    "convolution.pool.example.d2l_2x3": {
        "en": "d2l: MaxPool2d((2, 3), stride=(2, 3), padding=(0, 1)) on arange(16)",
        "zh": "d2l：在 arange(16) 上用 MaxPool2d((2, 3), stride=(2, 3), padding=(0, 1))",
    },
    "convolution.pool.example.d2l_3_pad1_stride2": {
        "en": "d2l: MaxPool2d(3, padding=1, stride=2) on arange(16)",
        "zh": "d2l：在 arange(16) 上用 MaxPool2d(3, padding=1, stride=2)",
    },
    "convolution.pool.mode": {"en": "Pooling", "zh": "池化方式"},
    "convolution.pool.mode.max": {"en": "max", "zh": "最大（max）"},
    "convolution.pool.mode.avg": {"en": "average", "zh": "平均（avg）"},
    "convolution.pool.cap": {
        "en": "The input is capped at {side}×{side} so every window fits on screen.",
        "zh": "输入上限为 {side}×{side}，以便每个窗口都能显示在屏幕上。",
    },
    "convolution.pool.input": {"en": "input (one channel)", "zh": "输入（单通道）"},
    "convolution.pool.edit": {"en": "Edit the input", "zh": "编辑输入"},
    "convolution.pool.output_table": {"en": "The output so far, as a table", "zh": "目前为止的输出（表格）"},
    "convolution.pool.position": {
        "en": "Window {n} of {count}: output row {row}, column {col}.",
        "zh": "第 {n} / {count} 个窗口：输出第 {row} 行，第 {col} 列。",
    },
    "convolution.pool.padded.max": {
        "en": "input (grey: padding, −∞ for max pooling so it never wins; ★ the max)",
        "zh": "输入（灰色：填充，最大池化填 −∞，永远不会被选中；★ 为最大值）",
    },
    "convolution.pool.padded.avg": {
        "en": "input (grey: padding zeros, counted in the average as PyTorch does by default)",
        "zh": "输入（灰色：填充的零，与 PyTorch 默认行为一样计入平均）",
    },
    "convolution.pool.value.max": {"en": "window maximum", "zh": "窗口最大值"},
    "convolution.pool.value.avg": {"en": "window average", "zh": "窗口平均值"},
    "convolution.pool.output": {"en": "output, filling in", "zh": "输出（逐步填入）"},
    "convolution.pool.check": {
        "en": "Check: every window assembled vs. PyTorch",
        "zh": "检验：所有窗口拼出的结果 vs. PyTorch",
    },
    "convolution.pool.ours": {"en": "window by window", "zh": "逐窗口计算"},
    "convolution.pool.grad.title": {"en": "Where does the gradient go?", "zh": "梯度流向哪里？"},
    "convolution.pool.grad.max": {
        "en": "Autograd on y.sum(): max pooling sends each output's gradient (1) only to the element that won its "
        "window; every other input gets 0. An element that wins several overlapping windows collects several.",
        "zh": "对 y.sum() 求导：最大池化只把每个输出的梯度（1）传给该窗口中胜出的元素，其他输入得到 0。"
        "在多个重叠窗口中胜出的元素会累积多份梯度。",
    },
    "convolution.pool.grad.avg": {
        "en": "Autograd on y.sum(): average pooling splits each output's gradient (1) evenly over its window, "
        "1/(window size) to each element (padding cells take their share too, which is lost).",
        "zh": "对 y.sum() 求导：平均池化把每个输出的梯度（1）平均分给窗口中的每个元素，各得 1/(窗口大小)"
        "（填充单元也分走一份，这一份就丢失了）。",
    },
    "convolution.pool.grad.heatmap": {"en": "x.grad, the gradient of each input", "zh": "x.grad：每个输入得到的梯度"},
    "convolution.pool.grad.table": {"en": "x.grad as a table", "zh": "x.grad（表格）"},
    "convolution.pool.grad.total": {
        "en": "The gradients add up to {total}; there are {outputs} outputs, each sending back 1.",
        "zh": "梯度总和为 {total}；共有 {outputs} 个输出，每个传回 1。",
    },
    # Section 4: kernels on an image
    "convolution.img.intro": {
        "en": "The same arithmetic on a real picture: each output pixel is the sum of a kernel-weighted "
        "neighbourhood. Edge kernels light up where brightness changes; blur averages; sharpen exaggerates.",
        "zh": "在真实图片上做同样的运算：每个输出像素是卷积核加权的邻域之和。边缘卷积核在亮度变化处亮起；"
        "模糊求平均；锐化则放大差异。",
    },
    "convolution.img.source": {"en": "Image", "zh": "图像"},
    "convolution.img.source.sample": {"en": "Built-in sample", "zh": "内置示例"},
    "convolution.img.source.upload": {"en": "Upload your own", "zh": "上传自己的图片"},
    "convolution.img.upload": {"en": "Upload an image", "zh": "上传图片"},
    "convolution.img.upload_hint": {
        "en": "Upload a photo to filter it (it stays in this session only).",
        "zh": "上传一张照片来做滤波（只保留在本次会话中）。",
    },
    "convolution.img.kept": {
        "en": "Your photo from before is still here (the uploader empties when its tab closes).",
        "zh": "之前上传的图片仍在使用（切换标签页后上传框会清空）。",
    },
    "convolution.img.forget": {"en": "Remove this photo", "zh": "移除这张图片"},
    "convolution.img.sample": {"en": "Sample", "zh": "示例"},
    "convolution.img.sample.shapes": {"en": "Shapes", "zh": "几何图形"},
    "convolution.img.sample.checkerboard": {"en": "Checkerboard", "zh": "棋盘格"},
    "convolution.img.sample.rings": {"en": "Rings", "zh": "同心圆环"},
    "convolution.img.sample.landscape": {"en": "Landscape", "zh": "风景"},
    "convolution.img.ksize": {"en": "kernel size", "zh": "卷积核尺寸"},
    "convolution.img.kernel": {"en": "kernel (edit the cells)", "zh": "卷积核（可编辑单元格）"},
    "convolution.img.edit": {"en": "The kernel: edit its cells", "zh": "卷积核：编辑单元格"},
    "convolution.img.grayscale": {"en": "Grayscale", "zh": "灰度"},
    "convolution.img.grayscale_help": {
        "en": "Off: the kernel runs on red, green and blue separately (a depthwise convolution, groups=3).",
        "zh": "关闭时：卷积核分别作用于红、绿、蓝三个通道（深度卷积，groups=3）。",
    },
    "convolution.img.display": {"en": "Show values", "zh": "显示方式"},
    "convolution.img.display.clip": {"en": "clipped to 0..1", "zh": "截断到 0..1"},
    "convolution.img.display.rescale": {"en": "min..max stretched", "zh": "最小..最大 拉伸"},
    "convolution.img.display.absolute": {"en": "absolute value", "zh": "绝对值"},
    "convolution.img.scaled": {
        "en": "Scaled down to {width}×{height} (longer side at most {side}) to keep it quick.",
        "zh": "已缩小到 {width}×{height}（长边最多 {side}），以保证速度。",
    },
    "convolution.img.input_caption": {"en": "input {shape}", "zh": "输入 {shape}"},
    "convolution.img.output_caption": {
        "en": "feature map {shape}, values from {low} to {high}",
        "zh": "特征图 {shape}，取值从 {low} 到 {high}",
    },
    # Section 5: 1×1 convolution
    "convolution.one.intro": {
        "en": "A 1×1 convolution mixes channels at each pixel and never looks at neighbours: it is a fully "
        "connected layer from C_in to C_out numbers, applied to every pixel. Reshape the input to "
        "(C_in, H·W) and it becomes one matrix product.",
        "zh": "1×1 卷积在每个像素上混合通道，从不看相邻像素：它就是一个从 C_in 个数到 C_out 个数的全连接层，"
        "作用在每个像素上。把输入变形为 (C_in, H·W)，它就变成一次矩阵乘法。",
    },
    "convolution.one.seed": {"en": "random seed", "zh": "随机种子"},
    "convolution.one.weight": {
        "en": "W = conv.weight reshaped to ({c_out}, {c_in})",
        "zh": "W = conv.weight 变形为 ({c_out}, {c_in})",
    },
    "convolution.one.x": {"en": "X reshaped to ({c_in}, {pixels})", "zh": "X 变形为 ({c_in}, {pixels})"},
    "convolution.one.by_conv": {"en": "Conv2d(·, ·, 1), output channel {o}", "zh": "Conv2d(·, ·, 1)，输出通道 {o}"},
    "convolution.one.by_matmul": {"en": "W @ X + b, output channel {o}", "zh": "W @ X + b，输出通道 {o}"},
    "convolution.one.same": {
        "en": "Same numbers (largest difference {diff}, float rounding). Parameters: C_in·C_out + C_out = {params}, "
        "exactly those of nn.Linear.",
        "zh": "数值相同（最大差异 {diff}，浮点舍入）。参数量：C_in·C_out + C_out = {params}，与 nn.Linear 完全一样。",
    },
    # Section 6: network tracer
    "convolution.trace.intro": {
        "en": "Follow an image through a whole network: every layer's output shape, parameters, multiply-"
        'accumulates (MACs; FLOPs = 2·MACs) and receptive field. Models are built on PyTorch\'s "meta" device, '
        "so even ResNet-50 at 1024×1024 costs no memory.",
        "zh": "跟随一张图像穿过整个网络：每一层的输出形状、参数量、乘加次数（MACs；FLOPs = 2·MACs）和感受野。"
        "模型建在 PyTorch 的 “meta” 设备上，所以即使是 1024×1024 的 ResNet-50 也不占内存。",
    },
    "convolution.trace.mode": {"en": "Network", "zh": "网络"},
    "convolution.trace.mode.preset": {"en": "A preset model", "zh": "预设模型"},
    "convolution.trace.mode.stack": {"en": "My own layer stack", "zh": "自己搭建层堆叠"},
    "convolution.trace.model": {"en": "Model", "zh": "模型"},
    "convolution.trace.model.cifar10_quick": {"en": "CIFAR10-quick", "zh": "CIFAR10-quick"},
    "convolution.trace.model.cifar10_quick_relu": {"en": "CIFAR10-quick + ReLU", "zh": "CIFAR10-quick + ReLU"},
    "convolution.trace.model.cifar10_quick_bn": {"en": "CIFAR10-quick + BatchNorm", "zh": "CIFAR10-quick + BatchNorm"},
    "convolution.trace.model.lenet": {"en": "LeNet-5", "zh": "LeNet-5"},
    "convolution.trace.model.lenet_bn": {"en": "LeNet-5 + BatchNorm", "zh": "LeNet-5 + BatchNorm"},
    "convolution.trace.model.mlp": {"en": "Multilayer perceptron (MLP)", "zh": "多层感知机（MLP）"},
    "convolution.trace.model.small_resnet": {"en": "Small ResNet", "zh": "小型 ResNet"},
    "convolution.trace.model.compact_resnet": {"en": "Compact ResNet", "zh": "紧凑型 ResNet"},
    "convolution.trace.model.resnet18": {"en": "ResNet-18", "zh": "ResNet-18"},
    "convolution.trace.model.alexnet": {"en": "AlexNet", "zh": "AlexNet"},
    "convolution.trace.model.vgg11": {"en": "VGG-11", "zh": "VGG-11"},
    "convolution.trace.model.nin": {"en": "Network in Network (NiN)", "zh": "网络中的网络（NiN）"},
    "convolution.trace.model.resnet50": {"en": "ResNet-50", "zh": "ResNet-50"},
    "convolution.trace.model.darknet53": {"en": "Darknet-53", "zh": "Darknet-53"},
    "convolution.trace.channels": {"en": "input channels", "zh": "输入通道数"},
    "convolution.trace.size": {"en": "image size (square)", "zh": "图像尺寸（正方形）"},
    "convolution.trace.classes": {"en": "classes", "zh": "类别数"},
    "convolution.trace.params": {"en": "Parameters", "zh": "参数量"},
    "convolution.trace.macs": {"en": "MACs", "zh": "乘加次数（MACs）"},
    "convolution.trace.flops": {"en": "FLOPs", "zh": "FLOPs"},
    "convolution.trace.flops_agree": {
        "en": "torch.utils.flop_counter.FlopCounterMode counts the same {flops} FLOPs.",
        "zh": "torch.utils.flop_counter.FlopCounterMode 统计的 FLOPs 同样是 {flops}。",
    },
    "convolution.trace.flops_differ": {
        "en": "The table adds up to {ours} FLOPs but FlopCounterMode counts {theirs}. Please report it.",
        "zh": "表格合计 {ours} FLOPs，但 FlopCounterMode 统计为 {theirs}。请报告这个问题。",
    },
    "convolution.trace.col.name": {"en": "layer", "zh": "层"},
    "convolution.trace.col.type": {"en": "type", "zh": "类型"},
    "convolution.trace.col.output_shape": {"en": "output (C × H × W)", "zh": "输出（C × H × W）"},
    "convolution.trace.col.params": {"en": "params", "zh": "参数"},
    "convolution.trace.col.macs": {"en": "MACs", "zh": "MACs"},
    "convolution.trace.col.flops": {"en": "FLOPs", "zh": "FLOPs"},
    "convolution.trace.col.rf_size": {"en": "receptive field (jump)", "zh": "感受野（跳距）"},
    "convolution.trace.col.rf_jump": {"en": "jump", "zh": "跳距"},
    "convolution.trace.rf_note": {
        "en": "Receptive field: how many input pixels (along the height) one output value can see; jump: how far "
        "apart in the input two neighbouring outputs are. MACs count convolutions and linear layers only.",
        "zh": "感受野：一个输出值（沿高度方向）能看到多少个输入像素；跳距：相邻两个输出在输入上相隔多远。"
        "MACs 只统计卷积层和全连接层。",
    },
    "convolution.trace.stack_preset": {"en": "Start from", "zh": "起点"},
    "convolution.trace.input.c": {"en": "input channels", "zh": "输入通道数"},
    "convolution.trace.input.h": {"en": "input height", "zh": "输入高度"},
    "convolution.trace.input.w": {"en": "input width", "zh": "输入宽度"},
    "convolution.trace.setting.in_size": {"en": "in", "zh": "输入数"},
    "convolution.trace.setting.out_size": {"en": "out", "zh": "输出数"},
    "convolution.trace.setting_help.in_size": {
        "en": "Input channels (Conv2d, BatchNorm2d) or input features (Linear); empty: inferred.",
        "zh": "输入通道数（Conv2d、BatchNorm2d）或输入特征数（Linear）；留空则自动推断。",
    },
    "convolution.trace.setting_help.out_size": {
        "en": "Output channels (Conv2d), output features (Linear) or output size (AdaptiveAvgPool2d).",
        "zh": "输出通道数（Conv2d）、输出特征数（Linear）或输出尺寸（AdaptiveAvgPool2d）。",
    },
    "convolution.trace.setting.kernel": {"en": "kernel", "zh": "卷积核"},
    "convolution.trace.setting.stride": {"en": "stride", "zh": "步幅"},
    "convolution.trace.setting.padding": {"en": "padding", "zh": "填充"},
    "convolution.trace.stack_help": {
        "en": "One row per layer, top to bottom. Empty cells take PyTorch's default or are inferred from the layer "
        "before; add or delete rows at the table's edge. Try a wrong Linear size: the tracer names the layer and "
        "the number that fits.",
        "zh": "每层一行，自上而下。空单元格取 PyTorch 的默认值或由前一层推断；在表格边缘可以增删行。"
        "试着填一个错误的 Linear 尺寸：追踪器会指出是哪一层以及合适的数字。",
    },
    "convolution.trace.apply_fix": {"en": "Apply the fix: {fix}", "zh": "应用修正：{fix}"},
    "convolution.trace.diagram.input": {"en": "input", "zh": "输入"},
    "convolution.trace.diagram.layers": {"en": "{n} layers", "zh": "{n} 层"},
    "convolution.trace.diagram.caption": {
        "en": "Each block is what a stage outputs; under it, its channels and then height × width (after Flatten, "
        "the number of features). Taller blocks hold larger feature maps, wider blocks more channels (log scale); "
        "activations join the layer before them.",
        "zh": "每个方块是一段网络的输出；方块下方先写通道数，再写高 × 宽（Flatten 之后则是特征数）。"
        "方块越高，特征图越大；越宽，通道越多（对数刻度）；激活函数并入它前面的层。",
    },
}
