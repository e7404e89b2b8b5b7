import { useState } from 'react';
import { browserStorage, readStored, writeStored } from '../../core/util/browser-storage';

const WRAP_KEY = 'portico.response.wrap-lines';

/** "Wrap lines" in the response's text views, remembered in this browser. */
export function useWrapLines(): [boolean, (on: boolean) => void] {
  const [wrap, setWrap] = useState(() => readStored(browserStorage('local'), WRAP_KEY) === '1');
  return [
    wrap,
    (on) => {
      setWrap(on);
      writeStored(browserStorage('local'), WRAP_KEY, on ? '1' : '0');
    },
  ];
}
