/** The small dialog that asks for the admin token, modal while it is open. */
import { useEffect, useRef, useState } from 'preact/hooks';
import { answerToken, watchTokenPrompt } from './token-prompt';

export function TokenDialog() {
  const [reason, setReason] = useState<string | null>(null);
  const [value, setValue] = useState('');
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => watchTokenPrompt(setReason), []);
  useEffect(() => {
    const d = dialog.current;
    if (d === null) return;
    if (reason !== null && !d.open) d.showModal();
    if (reason === null && d.open) d.close();
  }, [reason]);
  const submit = (e: Event) => {
    e.preventDefault();
    if (value.trim() === '') return;
    answerToken(value.trim());
    setValue('');
  };
  return (
    <dialog ref={dialog} aria-labelledby="token-title" onCancel={(e) => e.preventDefault()}>
      <form onSubmit={submit}>
        <h2 id="token-title">Admin token</h2>
        <p role="alert">{reason}</p>
        <label for="token-input">Token (as given by --admin-token or MOCKDOCK_ADMIN_TOKEN)</label>
        <input id="token-input" type="password" autocomplete="off" value={value} onInput={(e) => setValue(e.currentTarget.value)} />
        <p class="hint">It is kept for this tab only (sessionStorage).</p>
        <button type="submit">Sign in</button>
      </form>
    </dialog>
  );
}
