import type { AppConfig } from '@nhip/core';
import { EspeakNgTextToSpeech } from './espeak-ng.tts';
import { HttpTextToSpeech, fptAiV5Contract } from './http.tts';
import type { TextToSpeech } from './text-to-speech';

/** The text-to-speech the configuration names (`NHIP_TTS_PROVIDER`): every bulletin of this deployment uses it. */
export function textToSpeechFor(
  config: Pick<AppConfig, 'ttsProvider' | 'ttsApiKey' | 'ttsUrl' | 'channelTimeoutSeconds'>,
): TextToSpeech {
  switch (config.ttsProvider) {
    case 'espeak-ng':
      return new EspeakNgTextToSpeech();
    case 'fpt.ai':
      return new HttpTextToSpeech({
        contract: fptAiV5Contract(config.ttsUrl ? { url: config.ttsUrl } : {}),
        apiKey: config.ttsApiKey ?? '',
        timeoutMs: config.channelTimeoutSeconds * 1000,
      });
  }
}
