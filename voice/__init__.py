"""Speech in and out: offline speech-to-text and text-to-speech engines behind small interfaces."""
