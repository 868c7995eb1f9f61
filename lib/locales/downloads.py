"""Strings of the one downloader (``lib.downloads``); each message ends with what still works offline."""

STRINGS = {
    "downloads.error.offline": {
        "en": "Could not download {name} ({reason}): this machine seems to be offline. {fallback}",
        "zh": "无法下载 {name}（{reason}）：这台机器似乎没有联网。{fallback}",
    },
    "downloads.error.server": {
        "en": "Could not download {name}: the server answered HTTP {code} for {url}. Try again later. {fallback}",
        "zh": "无法下载 {name}：服务器对 {url} 返回 HTTP {code}。请稍后再试。{fallback}",
    },
    "downloads.error.interrupted": {
        "en": "The download of {name} kept breaking off ({done:,} bytes arrived). Try again later. {fallback}",
        "zh": "{name} 的下载多次中断（已收到 {done:,} 字节）。请稍后再试。{fallback}",
    },
    "downloads.error.checksum": {
        "en": "The download of {name} from {url} does not match its checksum, so it was deleted. Try again. {fallback}",
        "zh": "从 {url} 下载的 {name} 与校验和不符，已删除。请重试。{fallback}",
    },
    "downloads.error.disk": {
        "en": "Could not save {name} in {folder}: the disk is full or not writable. Free some space and try "
        "again. {fallback}",
        "zh": "无法将 {name} 保存到 {folder}：磁盘已满或不可写。请释放空间后重试。{fallback}",
    },
}
