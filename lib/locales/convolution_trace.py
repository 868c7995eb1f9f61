"""Messages of the network tracer and the layer-stack builder (lib/convolution_trace.py, lib/convolution_stack.py)."""

STRINGS = {
    "convolution.trace.bad_input_shape": {
        "en": "The input shape {shape} is not valid: every dimension must be a positive whole number.",
        "zh": "输入形状 {shape} 无效：每个维度都必须是正整数。",
    },
    "convolution.trace.forward_failed": {
        "en": "The model cannot process a {shape} input: {reason}",
        "zh": "模型无法处理 {shape} 的输入：{reason}",
    },
    "convolution.trace.rf_ops": {
        "en": "The receptive fields follow the data through every PyTorch operation; these changed or merged them "
        "(number of calls): {ops}.",
        "zh": "感受野沿着数据流经过每一个 PyTorch 运算；改变或合并感受野的运算如下（调用次数）：{ops}。",
    },
    "convolution.trace.stack.empty": {
        "en": "The layer table is empty: add at least one layer.",
        "zh": "层表为空：请至少添加一层。",
    },
    "convolution.trace.stack.bad_input": {
        "en": "The input shape {shape} is not valid: channels, height and width must be whole numbers from 1 to {most}.",
        "zh": "输入形状 {shape} 无效：通道数、高度和宽度必须是 1 到 {most} 之间的整数。",
    },
    "convolution.trace.stack.unknown_type": {
        "en": "Layer {number}: '{layer}' is not a layer type this table knows. Choose one of: {known}.",
        "zh": "第 {number} 层：“{layer}”不是本表支持的层类型。请选择：{known}。",
    },
    "convolution.trace.stack.out_of_range": {
        "en": "Layer {number} ({layer}): {setting}={value} is out of range; use a whole number from {low} to {high}.",
        "zh": "第 {number} 层（{layer}）：{setting}={value} 超出范围；请使用 {low} 到 {high} 之间的整数。",
    },
    "convolution.trace.stack.not_whole": {
        "en": "Layer {number} ({layer}): {setting} must be a whole number, not '{value}'.",
        "zh": "第 {number} 层（{layer}）：{setting} 必须是整数，而不是“{value}”。",
    },
    "convolution.trace.stack.missing": {
        "en": "Layer {number} ({layer}) needs a value for: {settings}.",
        "zh": "第 {number} 层（{layer}）需要填写：{settings}。",
    },
    "convolution.trace.stack.needs_image": {
        "en": "Layer {number} ({layer}) needs an image (channels × height × width), but after Flatten it receives "
        "a vector of {features} features: move it before the Flatten.",
        "zh": "第 {number} 层（{layer}）需要图像（通道 × 高 × 宽），但在 Flatten 之后它收到的是 {features} 个特征的向量："
        "请把它移到 Flatten 之前。",
    },
    "convolution.trace.stack.in_features": {
        "en": "Layer {number} ({layer}) expects {expected} inputs but receives {received}: set {setting}={received}.",
        "zh": "第 {number} 层（{layer}）期望 {expected} 个输入，但收到 {received} 个：请设置 {setting}={received}。",
    },
    "convolution.trace.stack.in_channels": {
        "en": "Layer {number} ({layer}) expects {expected} input channels but receives {received}: "
        "set {setting}={received}.",
        "zh": "第 {number} 层（{layer}）期望 {expected} 个输入通道，但收到 {received} 个：请设置 {setting}={received}。",
    },
    "convolution.trace.stack.kernel_too_big": {
        "en": "Layer {number} ({layer}): a {kernel}×{kernel} window does not fit in the {h}×{w} input padded by "
        "{padding} (only {padded} wide). Use kernel_size={padded} or less, or padding={padding_fit} or more.",
        "zh": "第 {number} 层（{layer}）：{kernel}×{kernel} 的窗口放不进填充 {padding} 后的 {h}×{w} 输入（只有 {padded} 宽）。"
        "请使用 kernel_size={padded} 或更小，或 padding={padding_fit} 或更大。",
    },
    "convolution.trace.stack.pool_padding": {
        "en": "Layer {number} ({layer}): padding={padding} is more than half of kernel_size={kernel}; "
        "PyTorch allows at most padding={most}.",
        "zh": "第 {number} 层（{layer}）：padding={padding} 超过了 kernel_size={kernel} 的一半；PyTorch 最多允许 padding={most}。",
    },
    "convolution.trace.stack.needs_flatten": {
        "en": "Layer {number} ({layer}) receives a {shape} image: add a Flatten before it "
        "(it will then receive {features} features).",
        "zh": "第 {number} 层（{layer}）收到的是 {shape} 的图像：请在它之前加一个 Flatten（之后它将收到 {features} 个特征）。",
    },
    "convolution.trace.stack.too_many_params": {
        "en": "Layer {number} ({layer}) brings the stack to {params:,} parameters, more than this playground "
        "allows ({most:,}). Use fewer channels or features.",
        "zh": "第 {number} 层（{layer}）使网络的参数达到 {params:,} 个，超过了本实验场允许的 {most:,} 个。请减少通道数或特征数。",
    },
}
