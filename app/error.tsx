"use client";

/** Shown when a page fails on the server: what happened and what to do, never a stack trace. */
export default function ErrorPage({ reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <div className="prose" role="alert">
      <h1>Đã có lỗi</h1>
      <p>Trang không tải được. Không có thay đổi nào bị mất; hãy thử lại sau ít phút.</p>
      <p lang="en">The page could not be loaded. Nothing was lost; please try again shortly.</p>
      <button type="button" className="button" onClick={reset}>Thử lại / Try again</button>
    </div>
  );
}
