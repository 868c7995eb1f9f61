"""Strings of the Convolution & pooling page and of lib/conv.py's errors."""

STRINGS = {
    # Errors raised by lib/conv.py
    "conv.error.size_not_positive": {
        "en": "The input size must be at least 1, but it is {value}.",
        "zh": "输入尺寸必须至少为 1，但现在是 {value}。",
    },
    "conv.error.kernel_not_positive": {
        "en": "The kernel size must be at least 1, but it is {value}.",
        "zh": "卷积核尺寸必须至少为 1，但现在是 {value}。",
    },
    "conv.error.stride_not_positive": {
        "en": "The stride must be at least 1, but it is {value}: with stride 0 the window would never move.",
        "zh": "步幅必须至少为 1，但现在是 {value}：步幅为 0 时窗口永远不会移动。",
    },
    "conv.error.dilation_not_positive": {
        "en": "The dilation must be at least 1 (1 means no gaps), but it is {value}.",
        "zh": "膨胀必须至少为 1（1 表示没有间隔），但现在是 {value}。",
    },
    "conv.error.negative_padding": {
        "en": "Padding cannot be negative (got {padding}); PyTorch refuses it too.",
        "zh": "填充不能为负数（现在是 {padding}）；PyTorch 同样会拒绝。",
    },
    "conv.error.kernel_too_big": {
        "en": "A {kernel}-wide kernel with dilation {dilation} spans {span} pixels, but the padded input is only "
        "{padded} wide: no window fits. Use a smaller kernel or dilation, or more padding.",
        "zh": "宽度为 {kernel}、膨胀为 {dilation} 的卷积核覆盖 {span} 个像素，但填充后的输入只有 {padded} 宽："
        "一个窗口都放不下。请减小卷积核或膨胀，或增加填充。",
    },
    "conv.error.negative_output_padding": {
        "en": "output_padding cannot be negative (got {output_padding}).",
        "zh": "output_padding 不能为负数（现在是 {output_padding}）。",
    },
    "conv.error.output_padding": {
        "en": "output_padding ({output_padding}) must be smaller than the stride ({stride}) or the dilation "
        "({dilation}): it only picks among the sizes a strided convolution could have come from.",
        "zh": "output_padding（{output_padding}）必须小于步幅（{stride}）或膨胀（{dilation}）之一："
        "它只用于在步幅卷积可能来自的几种尺寸中做选择。",
    },
    "conv.error.transposed_too_small": {
        "en": "The transposed convolution would produce {size} pixels: padding {padding} removes more than the "
        "output has. Use less padding.",
        "zh": "这个转置卷积只会得到 {size} 个像素：填充 {padding} 裁掉的比输出本身还多。请减小填充。",
    },
    "conv.error.pool_padding": {
        "en": "Pooling padding ({padding}) may be at most half the kernel ({kernel} // 2 = {half}), as PyTorch "
        "requires: otherwise a window could hold nothing but padding.",
        "zh": "池化的填充（{padding}）最多为卷积核的一半（{kernel} // 2 = {half}），这是 PyTorch 的要求："
        "否则某个窗口可能全是填充。",
    },
    "conv.error.bad_cell": {
        "en": "{name}: the cell in row {row}, column {col} is not a number ('{value}'). Type a number there.",
        "zh": "{name}：第 {row} 行第 {col} 列的单元格不是数字（'{value}'）。请在那里填入数字。",
    },
}
