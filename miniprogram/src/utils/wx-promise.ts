/** wx.login as a promise: the temporary `code` for /api/auth/wechat/login (jscode2session). */
export function wxLogin(): Promise<string> {
  return new Promise((resolve, reject) => {
    wx.login({
      timeout: 10000,
      success: (res) => (res.code ? resolve(res.code) : reject({ errMsg: res.errMsg || 'wx.login: no code' })),
      fail: (err) => reject(err),
    });
  });
}

export function toast(title: string, icon: 'none' | 'success' | 'error' = 'none'): void {
  wx.showToast({ title, icon, duration: 2000 });
}
